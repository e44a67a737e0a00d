"""One transaction per command: the change and its events (in the outbox)
commit together or not at all. Handlers append the events they raise to
`pending_events`."""
from __future__ import annotations

from sqlalchemy import Connection

from chassis.unit_of_work import SqlUnitOfWork

from cadres.adapters import repository as r


class UnitOfWork(SqlUnitOfWork):
    units: r.UnitRepository
    pairings: r.PairingRepository
    cadres: r.CadreRepository
    stationings: r.StationingRepository
    attendance: r.AttendanceRepository
    leaves: r.LeaveRepository
    inspections: r.InspectionRepository
    complaints: r.ComplaintRepository
    plans: r.PlanRepository

    def open(self, connection: Connection) -> None:
        self.units = r.UnitRepository(connection)
        self.pairings = r.PairingRepository(connection)
        self.cadres = r.CadreRepository(connection)
        self.stationings = r.StationingRepository(connection)
        self.attendance = r.AttendanceRepository(connection)
        self.leaves = r.LeaveRepository(connection)
        self.inspections = r.InspectionRepository(connection)
        self.complaints = r.ComplaintRepository(connection)
        self.plans = r.PlanRepository(connection)
