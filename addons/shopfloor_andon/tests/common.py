from odoo import Command
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.addons.shopfloor_oee.tests.common import OeeCommon, t
from odoo.tests import new_test_user

__all__ = ["AndonCommon", "t"]


class AndonCommon(OeeCommon):
    """OEE's press line (calendar 06:00-14:00 UTC), plus the andon's people: a worker
    who raises, a maintenance team (leader, responder), a shop-floor leader, a plant
    manager with an Odoo user at the top of the ladder, and an outsider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.api_user = env.ref("shopfloor_mp.user_shopfloor_api")
        Employee = env["hr.employee"]
        cls.worker = Employee.create(
            {"name": "AN Worker", "barcode": "8800001",
             "shopfloor_workcenter_ids": [Command.set(cls.wc.ids)]}
        )  # fmt: skip
        cls.responder = Employee.create({"name": "AN Fitter", "barcode": "8800002"})
        cls.team_leader = Employee.create({"name": "AN Maint Lead", "barcode": "8800003"})
        cls.line_leader = Employee.create(
            {"name": "AN Line Leader", "barcode": "8800004", "shopfloor_role": "leader",
             "shopfloor_workcenter_ids": [Command.set(cls.wc.ids)]}
        )  # fmt: skip
        cls.manager_user = new_test_user(
            env, login="an_plant_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        cls.plant_manager = Employee.create(
            {"name": "AN Plant Manager", "barcode": "8800005", "user_id": cls.manager_user.id}
        )
        cls.head = Employee.create({"name": "AN Dept Head", "barcode": "8800006"})
        cls.outsider = Employee.create({"name": "AN Outsider", "barcode": "8800007"})
        cls.team = env["shopfloor.andon.team"].create(
            {"name": "AN Maintenance", "leader_id": cls.team_leader.id,
             "member_ids": [Command.set(cls.responder.ids)]}
        )  # fmt: skip
        cls.type_down = env["shopfloor.andon.type"].create(
            {
                "name": "AN Breakdown",
                "code": "AN-DOWN",
                "category": "equipment",
                "team_id": cls.team.id,
                "loss_reason_id": cls.reason_mech.id,
                "level_ids": [
                    Command.create({"name": "Team leader", "minutes": 5,
                                    "employee_ids": [Command.set(cls.team_leader.ids)]}),
                    Command.create({"name": "Department head", "minutes": 15,
                                    "employee_ids": [Command.set(cls.head.ids)]}),
                    Command.create({"name": "Plant manager", "minutes": 30,
                                    "employee_ids": [Command.set(cls.plant_manager.ids)]}),
                ],
            }
        )  # fmt: skip
        cls.type_material = env["shopfloor.andon.type"].create(
            {"name": "AN Shortage", "code": "AN-MAT", "category": "material",
             "team_id": cls.team.id}
        )  # fmt: skip
        cls.Exception = env["shopfloor.andon.exception"]
        cls.Item = env["shopfloor.inbox.item"]
        Token = env["shopfloor.token"]
        cls.tok_worker = Token._issue("p1", employee=cls.worker)[1]
        cls.tok_responder = Token._issue("p2", employee=cls.responder)[1]
        cls.tok_leader = Token._issue("p3", employee=cls.line_leader)[1]
        cls.tok_outsider = Token._issue("p4", employee=cls.outsider)[1]
        codes = env["shopfloor.code"]
        cls.wc_code = codes._get_codes(cls.wc)[cls.wc.id]
        cls.equipment_code = codes._get_codes(cls.equipment)[cls.equipment.id]

    def api(self, path, params=None, token=None, expect_error=None):
        service = self.env["shopfloor.api"].with_user(self.api_user)
        try:
            result = service._call(path, dict(params or {}), token, {})
        except ShopfloorError as exc:
            if expect_error:
                self.assertEqual(exc.code, expect_error, exc.get_message("en_US"))
                return exc
            raise
        if expect_error:
            self.fail(f"expected {expect_error}, got {result}")
        return result

    def raise_(self, when, atype=None, employee=None, **vals):
        vals = dict({"type_id": (atype or self.type_down).id, "workcenter_id": self.wc.id}, **vals)
        exc, _dup = self.Exception._sf_raise(vals, employee=employee or self.worker, now=when)
        return exc
