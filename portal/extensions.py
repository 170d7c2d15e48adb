"""Flask extensions, created unbound and bound to the app in the factory."""
from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

import portal.ratelimit  # noqa: F401 - registers the database:// rate-limit storage

babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()

# Endpoints whose only rate limit is on sending their form (POST): showing the form
# skips the limiter's bookkeeping. Their blueprints add them.
LIMITED_ON_POST_ONLY = set()


@limiter.request_filter
def _showing_a_form():
    return request.method in ("GET", "HEAD") and request.endpoint in LIMITED_ON_POST_ONLY
