"""gRPC entrypoint: decode -> command -> bus -> encode. Nothing else."""
from __future__ import annotations

import grpc
from shuangdao.registry.v1 import registry_pb2, registry_pb2_grpc

from chassis.grpc_errors import maps_errors

from registry.adapters import translators
from registry.bootstrap import Registry


class RegistryServicer(registry_pb2_grpc.RegistryServiceServicer):
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    @maps_errors
    def RegisterHousehold(self, request: registry_pb2.RegisterHouseholdRequest,
                          context: grpc.ServicerContext) -> registry_pb2.RegisterHouseholdResponse:
        household_id = self.registry.bus.handle(translators.register_command(request))
        return registry_pb2.RegisterHouseholdResponse(household_id=household_id)

    @maps_errors
    def GetHousehold(self, request: registry_pb2.GetHouseholdRequest,
                     context: grpc.ServicerContext) -> registry_pb2.Household:
        return translators.household_message(self.registry.get_household(request.household_id))


SERVICE_NAME = registry_pb2.DESCRIPTOR.services_by_name["RegistryService"].full_name


def adder(registry: Registry):  # type: ignore[no-untyped-def]
    def add(server: grpc.Server) -> None:
        registry_pb2_grpc.add_RegistryServiceServicer_to_server(RegistryServicer(registry), server)
    return add
