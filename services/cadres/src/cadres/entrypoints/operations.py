"""Every operation of the API once, on request and response documents:
parse -> command -> bus (or view) -> document. grpc_server and http_app only
move documents in and out of their transport.

The caller (`current_principal()`, bound by the transport's authentication)
rides on every command and query as its actor; the service layer decides
whether it may act on the village concerned. Here, only the role gate: a
role that may never perform the operation is refused before the request is
even parsed, whatever it names."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from chassis.security.context import current_principal
from chassis.security.tokens import Principal

from cadres.adapters import api_io
from cadres.bootstrap import Service
from cadres.service_layer import views
from cadres.service_layer.guard import check_role

Body = dict[str, Any]

# The policy action each operation performs (the one table is chassis.security.policy).
ACTIONS: dict[str, str] = {
    "register_support_unit": "cadres.support_unit.register",
    "get_support_unit": "cadres.support_unit.read",
    "change_top_leader": "cadres.support_unit.change_leader",
    "pair_unit": "cadres.pairing.create",
    "end_pairing": "cadres.pairing.end",
    "get_pairing": "cadres.pairing.read",
    "list_pairings": "cadres.pairing.read",
    "adopt_village_plan": "cadres.plan.adopt",
    "adopt_yearly_plan": "cadres.plan.adopt",
    "list_plans": "cadres.plan.read",
    "register_cadre": "cadres.cadre.register",
    "get_cadre": "cadres.cadre.read",
    "station_cadre": "cadres.cadre.station",
    "withdraw_cadre": "cadres.cadre.withdraw",
    "rotate_cadre": "cadres.cadre.rotate",
    "list_stationings": "cadres.stationing.read",
    "record_attendance": "cadres.attendance.record",
    "get_attendance_month": "cadres.attendance.read",
    "request_leave": "cadres.leave.request",
    "decide_leave": "cadres.leave.decide",
    "list_leaves": "cadres.leave.read",
    "record_inspection": "cadres.inspection.record",
    "list_inspections": "cadres.inspection.read",
    "record_complaint": "cadres.complaint.record",
    "resolve_complaint": "cadres.complaint.resolve",
    "list_complaints": "cadres.complaint.read",
}


class Operations:
    def __init__(self, service: Service) -> None:
        self.service = service

    @property
    def _province(self) -> str:
        return self.service.context.province

    def _caller(self, operation: str) -> Principal:
        caller = current_principal()
        check_role(caller, ACTIONS[operation])
        return caller

    def _do(self, operation: str, parse: Callable[[Body], Any], body: Body) -> Any:
        actor = self._caller(operation)
        return self.service.bus.handle(replace(parse(body), actor=actor))

    def register_support_unit(self, body: Body) -> Body:
        return api_io.support_unit(self._do("register_support_unit", api_io.register_support_unit, body))

    def get_support_unit(self, body: Body) -> Body:
        reader = self._caller("get_support_unit")
        return api_io.support_unit(views.support_unit(api_io.an_id(body, "unit_id"), self.service.new_uow(),
                                                      reader, self._province))

    def change_top_leader(self, body: Body) -> Body:
        return api_io.support_unit(self._do("change_top_leader", api_io.change_top_leader, body))

    def pair_unit(self, body: Body) -> Body:
        return api_io.pairing(self._do("pair_unit", api_io.pair_unit, body))

    def end_pairing(self, body: Body) -> Body:
        return api_io.pairing(self._do("end_pairing", api_io.end_pairing, body))

    def get_pairing(self, body: Body) -> Body:
        reader = self._caller("get_pairing")
        return api_io.pairing(views.pairing(api_io.an_id(body, "pairing_id"), self.service.new_uow(), reader))

    def list_pairings(self, body: Body) -> Body:
        reader = self._caller("list_pairings")
        village_code, unit_id = api_io.pairing_filter(body)
        return api_io.pairings(views.pairings(village_code, unit_id, self.service.new_uow(), reader,
                                              self._province))

    def adopt_village_plan(self, body: Body) -> Body:
        return api_io.village_plan(self._do("adopt_village_plan", api_io.adopt_village_plan, body))

    def adopt_yearly_plan(self, body: Body) -> Body:
        return api_io.yearly_plan(self._do("adopt_yearly_plan", api_io.adopt_yearly_plan, body))

    def list_plans(self, body: Body) -> Body:
        reader = self._caller("list_plans")
        return api_io.plans(views.plans(api_io.an_id(body, "pairing_id"), self.service.new_uow(), reader))

    def register_cadre(self, body: Body) -> Body:
        cadre = self._do("register_cadre", api_io.register_cadre, body)
        # Read back as the service: whoever registered the cadre may see it.
        return api_io.cadre(views.cadre(cadre.id, self.service.new_uow(), None, self._province))

    def get_cadre(self, body: Body) -> Body:
        reader = self._caller("get_cadre")
        return api_io.cadre(views.cadre(api_io.an_id(body, "cadre_id"), self.service.new_uow(), reader,
                                        self._province))

    def station_cadre(self, body: Body) -> Body:
        return api_io.stationing(self._do("station_cadre", api_io.station_cadre, body))

    def withdraw_cadre(self, body: Body) -> Body:
        return api_io.stationing(self._do("withdraw_cadre", api_io.withdraw_cadre, body))

    def rotate_cadre(self, body: Body) -> Body:
        return api_io.rotation(*self._do("rotate_cadre", api_io.rotate_cadre, body))

    def list_stationings(self, body: Body) -> Body:
        reader = self._caller("list_stationings")
        return api_io.stationings(views.stationings(api_io.village_filter(body), self.service.new_uow(), reader))

    def record_attendance(self, body: Body) -> Body:
        return api_io.attendance_day(self._do("record_attendance", api_io.record_attendance, body))

    def get_attendance_month(self, body: Body) -> Body:
        reader = self._caller("get_attendance_month")
        cadre_id, year, month = api_io.a_month(body)
        return api_io.attendance_month(views.attendance_month(cadre_id, year, month, self.service.new_uow(),
                                                              self.service.context, reader))

    def request_leave(self, body: Body) -> Body:
        return api_io.leave(self._do("request_leave", api_io.request_leave, body))

    def decide_leave(self, body: Body) -> Body:
        return api_io.leave(self._do("decide_leave", api_io.decide_leave, body))

    def list_leaves(self, body: Body) -> Body:
        reader = self._caller("list_leaves")
        found = views.leaves(api_io.an_id(body, "cadre_id"), self.service.new_uow(), reader, self._province)
        return {"leaves": [api_io.leave(item) for item in found]}

    def record_inspection(self, body: Body) -> Body:
        return api_io.inspection(self._do("record_inspection", api_io.record_inspection, body))

    def list_inspections(self, body: Body) -> Body:
        reader = self._caller("list_inspections")
        found = views.inspections(api_io.an_id(body, "cadre_id"), self.service.new_uow(), reader, self._province)
        return {"inspections": [api_io.inspection(item) for item in found]}

    def record_complaint(self, body: Body) -> Body:
        return api_io.complaint(self._do("record_complaint", api_io.record_complaint, body))

    def resolve_complaint(self, body: Body) -> Body:
        return api_io.complaint(self._do("resolve_complaint", api_io.resolve_complaint, body))

    def list_complaints(self, body: Body) -> Body:
        reader = self._caller("list_complaints")
        found = views.complaints(api_io.an_id(body, "cadre_id"), self.service.new_uow(), reader, self._province)
        return {"complaints": [api_io.complaint(item) for item in found]}
