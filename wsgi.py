"""The one entry point for any WSGI server: ``gunicorn wsgi:app``."""
from portal import create_app

app = create_app()
