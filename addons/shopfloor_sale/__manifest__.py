# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Order Progress for Sales and Customers",
    "summary": "Production progress of each sale order: every manufacturing order behind it, "
    "each operation's done and remaining quantity, the expected finish and the promised date, "
    "late orders with their reason; in the backend, in the customer portal and through an "
    "expiring share link",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp", "sale_mrp"],
    "data": [
        "security/ir.model.access.csv",
        "views/shopfloor_sale_templates.xml",
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/shopfloor_sale_demo.xml",
    ],
    "auto_install": True,
}
