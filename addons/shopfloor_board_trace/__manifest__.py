# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Live Boards - Quality Page",
    "summary": "Bridge: the boards' quality page, first-pass yield today and top defects",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_board", "shopfloor_trace"],
    "auto_install": True,
    "data": ["data/shopfloor_board_page_data.xml"],
    "demo": ["demo/shopfloor_board_demo.xml"],
    "assets": {
        "shopfloor_board.assets_board": [
            "shopfloor_board_trace/static/src/*",
        ],
    },
}
