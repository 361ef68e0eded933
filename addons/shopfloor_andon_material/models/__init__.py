from . import (
    shopfloor_andon_exception,
    shopfloor_api,
    shopfloor_material_move,
    shopfloor_material_request,
)
