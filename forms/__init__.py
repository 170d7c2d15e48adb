"""WTForms forms, one module per area; all derive from :class:`forms.base.Form`."""
