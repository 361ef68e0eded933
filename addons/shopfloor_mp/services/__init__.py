from . import api_inbox
