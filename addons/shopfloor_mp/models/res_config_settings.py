from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shopfloor_finish_mo_on_last_operation = fields.Boolean(
        "Finish MO with Last Operation",
        config_parameter="shopfloor_mp.finish_mo_on_last_operation",
        help="Finishing the last operation from the shop floor marks the manufacturing order "
        "as done (with a backorder for the rest, as the operation type says).",
    )
    shopfloor_offline_window_hours = fields.Integer(
        "Offline Report Window (hours)",
        config_parameter="shopfloor_mp.offline_window_hours",
        default=72,
        help="Reports queued offline on a phone are accepted with their original time "
        "within this window.",
    )
    shopfloor_token_lifetime_days = fields.Integer(
        "Device Token Lifetime (days)",
        config_parameter="shopfloor_mp.token_lifetime_days",
        default=180,
    )
    shopfloor_api_log_days = fields.Integer(
        "Keep API Calls (days)", config_parameter="shopfloor_mp.api_log_days", default=90
    )
    shopfloor_wechat_appid = fields.Char(
        "WeChat Mini-program AppID", config_parameter="shopfloor_mp.wechat_appid"
    )
    shopfloor_wechat_secret = fields.Char(
        "WeChat Mini-program Secret", config_parameter="shopfloor_mp.wechat_secret"
    )
    shopfloor_wechat_base_url = fields.Char(
        "WeChat API URL",
        config_parameter="shopfloor_mp.wechat_base_url",
        help="Leave empty for https://api.weixin.qq.com",
    )
