from . import shopfloor_andon_exception, shopfloor_board
