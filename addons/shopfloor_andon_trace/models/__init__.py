from . import shopfloor_andon_exception, shopfloor_quality_alert
