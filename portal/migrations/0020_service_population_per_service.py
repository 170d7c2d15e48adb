"""The number of service users may be recorded per service as well as per unit, so
each service's IKM can say whether its sample meets the minimum: a nullable
``service_id`` (empty: the unit as a whole), one row per unit and year for the
unit and one per service and year for each service."""
from peewee import *


def up(migrator, db):
    class Service(Model):
        class Meta:
            database = db
            table_name = 'service'

    migrator.migrate(migrator.add_column(
        'service_population', 'service_id',
        ForeignKeyField(Service, null=True, field=Service.id, on_delete='CASCADE')))
    db.execute_sql('DROP INDEX IF EXISTS servicepopulation_unit_id_year')
    db.execute_sql('CREATE UNIQUE INDEX service_population_unit_year '
                   'ON service_population (unit_id, year) WHERE service_id IS NULL')
    db.execute_sql('CREATE UNIQUE INDEX service_population_service_year '
                   'ON service_population (service_id, year) WHERE service_id IS NOT NULL')


def down(migrator, db):
    db.execute_sql('DELETE FROM service_population WHERE service_id IS NOT NULL')
    db.execute_sql('DROP INDEX IF EXISTS service_population_service_year')
    db.execute_sql('DROP INDEX IF EXISTS service_population_unit_year')
    migrator.migrate(migrator.drop_column('service_population', 'service_id'))
    db.execute_sql('CREATE UNIQUE INDEX servicepopulation_unit_id_year '
                   'ON service_population (unit_id, year)')
