"""Socialisation content with its publication workflow, tags, attachments, and awards;
the content reviewer flag on accounts."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('account', 'content_reviewer', BooleanField(default=False)))

    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class User(Model):
        class Meta:
            database = db
            table_name = 'account'

    class ContentItem(Model):
        kind = CharField(index=True, max_length=16)
        title = CharField(max_length=200)
        slug = CharField(max_length=120, default='')
        summary = CharField(max_length=500, default='')
        body = TextField(default='')
        language = CharField(max_length=2, default='id')
        translation_of = ForeignKeyField('self', null=True, on_delete='SET NULL')
        audience = CharField(max_length=16, default='public')
        audience_unit = ForeignKeyField(Unit, null=True, on_delete='SET NULL')
        state = CharField(index=True, max_length=16, default='private')
        publish_at = DateTimeField(null=True)
        expire_at = DateTimeField(null=True)
        published_at = DateTimeField(null=True)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'content_item'
            indexes = ((('slug', 'language'), True),)

    class Tag(Model):
        name = CharField(unique=True, max_length=60)
        slug = CharField(unique=True, max_length=60)
        class Meta:
            database = db
            table_name = 'tag'

    class ContentTag(Model):
        item = ForeignKeyField(ContentItem, on_delete='CASCADE')
        tag = ForeignKeyField(Tag, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'content_tag'
            indexes = ((('item', 'tag'), True),)

    class ContentAttachment(Model):
        item = ForeignKeyField(ContentItem, on_delete='CASCADE')
        stored_name = CharField(unique=True, max_length=80)
        original_name = CharField(max_length=200)
        file_kind = CharField(max_length=8)
        mime_type = CharField(max_length=120)
        size = IntegerField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'content_attachment'

    class ContentTransition(Model):
        item = ForeignKeyField(ContentItem, on_delete='CASCADE')
        transition = CharField(max_length=16)
        from_state = CharField(max_length=16)
        to_state = CharField(max_length=16)
        actor = ForeignKeyField(User, null=True, on_delete='SET NULL')
        comment = TextField(default='')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'content_transition'

    class Award(Model):
        employee = ForeignKeyField(Employee, null=True, on_delete='CASCADE')
        unit = ForeignKeyField(Unit, null=True, on_delete='CASCADE')
        kind = CharField(max_length=16, default='certificate')
        title = CharField(max_length=200)
        period = CharField(max_length=60, default='')
        award_date = DateField()
        reason = TextField(default='')
        public = BooleanField(index=True, default=True)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'award'
            # exactly one recipient: an employee or a unit
            constraints = [Check('(employee_id IS NULL) <> (unit_id IS NULL)')]

    db.create_tables([ContentItem, Tag, ContentTag, ContentAttachment, ContentTransition, Award])


def down(migrator, db):
    for table in ('award', 'content_transition', 'content_attachment', 'content_tag', 'tag',
                  'content_item'):
        migrator.migrate(migrator.drop_table(table))
    migrator.migrate(migrator.drop_column('account', 'content_reviewer'))
