from . import api_wage
