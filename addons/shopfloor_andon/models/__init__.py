from . import (
    maintenance_request,
    shopfloor_andon_cause,
    shopfloor_andon_demo,
    shopfloor_andon_exception,
    shopfloor_andon_level,
    shopfloor_andon_log,
    shopfloor_andon_report,
    shopfloor_andon_team,
    shopfloor_andon_type,
    shopfloor_api,
    shopfloor_code,
)
