from . import api_plan
