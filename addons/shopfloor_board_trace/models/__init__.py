from . import shopfloor_board
