"""The one entry point for any WSGI server: ``uwsgi --ini uwsgi.ini`` (``module = wsgi:app``)."""
from portal import create_app

app = create_app()
