from . import (
    shopfloor_board,
    shopfloor_board_page,
    shopfloor_oee_state_event,
    shopfloor_report,
)
