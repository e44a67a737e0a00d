"""Every operation of the API once, on request and response documents:
parse -> command -> bus (or view) -> document. grpc_server and http_app only
move documents in and out of their transport."""
from __future__ import annotations

from typing import Any

from cadres.adapters import api_io
from cadres.bootstrap import Service
from cadres.service_layer import views

Body = dict[str, Any]


class Operations:
    def __init__(self, service: Service) -> None:
        self.service = service

    def _do(self, command: Any) -> Any:
        return self.service.bus.handle(command)

    def register_support_unit(self, body: Body) -> Body:
        return api_io.support_unit(self._do(api_io.register_support_unit(body)))

    def get_support_unit(self, body: Body) -> Body:
        return api_io.support_unit(views.support_unit(api_io.an_id(body, "unit_id"), self.service.new_uow()))

    def change_top_leader(self, body: Body) -> Body:
        return api_io.support_unit(self._do(api_io.change_top_leader(body)))

    def pair_unit(self, body: Body) -> Body:
        return api_io.pairing(self._do(api_io.pair_unit(body)))

    def end_pairing(self, body: Body) -> Body:
        return api_io.pairing(self._do(api_io.end_pairing(body)))

    def get_pairing(self, body: Body) -> Body:
        return api_io.pairing(views.pairing(api_io.an_id(body, "pairing_id"), self.service.new_uow()))

    def list_pairings(self, body: Body) -> Body:
        village_code, unit_id = api_io.pairing_filter(body)
        return api_io.pairings(views.pairings(village_code, unit_id, self.service.new_uow()))

    def adopt_village_plan(self, body: Body) -> Body:
        return api_io.village_plan(self._do(api_io.adopt_village_plan(body)))

    def adopt_yearly_plan(self, body: Body) -> Body:
        return api_io.yearly_plan(self._do(api_io.adopt_yearly_plan(body)))

    def list_plans(self, body: Body) -> Body:
        return api_io.plans(views.plans(api_io.an_id(body, "pairing_id"), self.service.new_uow()))

    def register_cadre(self, body: Body) -> Body:
        cadre = self._do(api_io.register_cadre(body))
        return api_io.cadre(views.cadre(cadre.id, self.service.new_uow()))

    def get_cadre(self, body: Body) -> Body:
        return api_io.cadre(views.cadre(api_io.an_id(body, "cadre_id"), self.service.new_uow()))

    def station_cadre(self, body: Body) -> Body:
        return api_io.stationing(self._do(api_io.station_cadre(body)))

    def withdraw_cadre(self, body: Body) -> Body:
        return api_io.stationing(self._do(api_io.withdraw_cadre(body)))

    def rotate_cadre(self, body: Body) -> Body:
        return api_io.rotation(*self._do(api_io.rotate_cadre(body)))

    def list_stationings(self, body: Body) -> Body:
        return api_io.stationings(views.stationings(api_io.village_filter(body), self.service.new_uow()))

    def record_attendance(self, body: Body) -> Body:
        return api_io.attendance_day(self._do(api_io.record_attendance(body)))

    def get_attendance_month(self, body: Body) -> Body:
        cadre_id, year, month = api_io.a_month(body)
        return api_io.attendance_month(views.attendance_month(cadre_id, year, month, self.service.new_uow(),
                                                              self.service.context))

    def request_leave(self, body: Body) -> Body:
        return api_io.leave(self._do(api_io.request_leave(body)))

    def decide_leave(self, body: Body) -> Body:
        return api_io.leave(self._do(api_io.decide_leave(body)))

    def list_leaves(self, body: Body) -> Body:
        found = views.leaves(api_io.an_id(body, "cadre_id"), self.service.new_uow())
        return {"leaves": [api_io.leave(item) for item in found]}

    def record_inspection(self, body: Body) -> Body:
        return api_io.inspection(self._do(api_io.record_inspection(body)))

    def list_inspections(self, body: Body) -> Body:
        found = views.inspections(api_io.an_id(body, "cadre_id"), self.service.new_uow())
        return {"inspections": [api_io.inspection(item) for item in found]}

    def record_complaint(self, body: Body) -> Body:
        return api_io.complaint(self._do(api_io.record_complaint(body)))

    def resolve_complaint(self, body: Body) -> Body:
        return api_io.complaint(self._do(api_io.resolve_complaint(body)))

    def list_complaints(self, body: Body) -> Body:
        found = views.complaints(api_io.an_id(body, "cadre_id"), self.service.new_uow())
        return {"complaints": [api_io.complaint(item) for item in found]}
