import datetime

from odoo import api, fields, models


class ShopfloorAndonDemo(models.AbstractModel):
    """Demo exceptions, run through the real loop (logs, downtime, requests)."""

    _name = "shopfloor.andon.demo"
    _description = "Andon Demo Data"

    @api.model
    def _demo_generate(self):
        ref = self.env.ref
        Exception_ = self.env["shopfloor.andon.exception"]
        now = fields.Datetime.now().replace(microsecond=0)
        ago = lambda **kw: now - datetime.timedelta(**kw)  # noqa: E731
        emp = {
            key: ref(f"shopfloor_mp.demo_employee_{key}")
            for key in ("wang_lei", "yang_fan", "zhao_yong", "he_jun", "lin_fang", "luo_bin",
                        "guo_jing", "zhou_min", "liu_qiang", "chen_jianguo", "huang_li")
        }  # fmt: skip
        wc = {
            key: ref(f"shopfloor_mp.demo_wc_{key}")
            for key in ("die_casting", "cnc_center", "cnc_lathe", "assembly", "inspection")
        }
        causes = {
            "equipment": ref("shopfloor_andon.cause_bearing"),
            "material": ref("shopfloor_andon.cause_late_supply"),
            "quality": ref("shopfloor_andon.cause_setting"),
            "process": ref("shopfloor_andon.cause_drawing"),
            "safety": ref("shopfloor_andon.cause_guard"),
        }
        closed = [
            ("equipment", "die_casting", "wang_lei", "he_jun", "压铸机液压泄漏 hydraulic leak", 3),
            ("equipment", "cnc_center", "yang_fan", "he_jun", "主轴异响 spindle noise", 2),
            ("material", "assembly", "zhao_yong", "lin_fang", "缺少M6螺栓 M6 bolts missing", 2),
            ("quality", "cnc_lathe", "yang_fan", "luo_bin", "尺寸超差 out of tolerance", 1),
            ("process", "assembly", "zhao_yong", "guo_jing", "图纸版本不一致 drawing rev.", 1),
            ("safety", "die_casting", "wang_lei", "zhou_min", "防护罩损坏 guard damaged", 1),
        ]
        for cat, wc_key, raiser, responder, note, days in closed:
            start = ago(days=days, hours=2)
            exc, _dup = Exception_._sf_raise(
                {"type_id": ref(f"shopfloor_andon.type_{cat}").id, "workcenter_id": wc[wc_key].id,
                 "note": note, "equipment_id": wc[wc_key].oee_equipment_id.id or False},
                employee=emp[raiser], now=start,
            )  # fmt: skip
            steps = [("ack", responder, 4), ("onsite", responder, 9), ("resolve", responder, 35)]
            for action, who, minutes in steps:
                extra = {"cause_id": causes[cat].id} if action == "resolve" else {}
                exc._sf_transition(
                    action, employee=emp[who], now=start + datetime.timedelta(minutes=minutes),
                    note="已处理 fixed" if action == "resolve" else None, **extra,
                )  # fmt: skip
            exc._sf_transition(
                "verify", employee=emp[raiser], now=start + datetime.timedelta(minutes=50)
            )
            exc._sf_transition(
                "close", employee=emp["chen_jianguo"], now=start + datetime.timedelta(minutes=55)
            )
        open_ones = [
            ("equipment", "cnc_center", "yang_fan", "主轴异响又出现 spindle noise again", 3),
            ("material", "cnc_center", "zhao_yong", "铝棒料即将用完 bar stock low", 2),
            ("quality", "inspection", "wang_lei", "表面气孔 porosity on batch", 1),
            ("process", "cnc_lathe", "yang_fan", "工艺参数确认 feed rate?", 1),
            ("safety", "assembly", "zhao_yong", "地面油污 oil on the floor", 1),
        ]
        for cat, wc_key, raiser, note, minutes in open_ones:
            Exception_._sf_raise(
                {"type_id": ref(f"shopfloor_andon.type_{cat}").id, "workcenter_id": wc[wc_key].id,
                 "note": note},
                employee=emp[raiser], now=ago(minutes=minutes),
            )  # fmt: skip
        # escalated: a breakdown nobody answered for 40 minutes, up the whole ladder
        escalated, _dup = Exception_._sf_raise(
            {"type_id": ref("shopfloor_andon.type_equipment").id,
             "workcenter_id": wc["assembly"].id, "note": "拧紧机报警 E-17 nutrunner alarm"},
            employee=emp["zhao_yong"], now=ago(minutes=40),
        )  # fmt: skip
        Exception_._cron_escalate(now=now)
        return escalated
