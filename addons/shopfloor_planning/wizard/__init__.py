from . import shopfloor_delivery_promise, shopfloor_rush_order
