from . import api_andon
