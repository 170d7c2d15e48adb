"""The first schema: units, employees and accounts."""
from peewee import *


def up(migrator, db):
    class Unit(Model):
        code = CharField(unique=True, max_length=32)
        name = CharField(max_length=200)
        kind = CharField(index=True, max_length=32)
        parent = ForeignKeyField('self', null=True, on_delete='RESTRICT')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'unit'
    db.create_tables([Unit])

    class Employee(Model):
        nip = CharField(unique=True, max_length=18)
        name = CharField(index=True, max_length=200)
        employment_type = CharField(max_length=8, default='pns')
        golongan = CharField(null=True, max_length=8)
        jabatan_kind = CharField(max_length=32)
        position_title = CharField(max_length=200)
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        supervisor = ForeignKeyField('self', null=True, on_delete='SET NULL')
        email = CharField(null=True, max_length=200)
        active = BooleanField(index=True, default=True)
        class Meta:
            database = db
            table_name = 'employee'
    db.create_tables([Employee])

    class User(Model):
        username = CharField(unique=True, max_length=64)
        password_hash = CharField()
        role = CharField(index=True, max_length=32)
        display_name = CharField(max_length=200, default='')
        employee = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        unit = ForeignKeyField(Unit, null=True, on_delete='SET NULL')
        active = BooleanField(default=True)
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        last_login_at = DateTimeField(null=True)
        session_version = IntegerField(default=1)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'account'
    db.create_tables([User])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('account'))
    migrator.migrate(migrator.drop_table('employee'))
    migrator.migrate(migrator.drop_table('unit'))
