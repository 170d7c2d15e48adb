"""The pages and machine interfaces: every Blueprint, routes only.

A route reads the request, validates it with a form from ``forms/``, calls a
service (``portal/complaints.py``, ``portal/events.py``, ``portal/stats.py`` …)
and renders a template. Nothing outside this package imports it except
``create_app``.
"""
