"""gRPC entrypoint: every RPC of CadresService is the operation of the same
name (RegisterSupportUnit -> Operations.register_support_unit), with the
request and response moved through proto_io. Nothing else."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import grpc
from google.protobuf.message import Message
from shuangdao.cadres.v1 import cadres_pb2, cadres_pb2_grpc

from chassis.grpc_errors import maps_errors

from cadres.adapters import proto_io
from cadres.bootstrap import Service
from cadres.entrypoints.operations import Operations

SERVICE = cadres_pb2.DESCRIPTOR.services_by_name["CadresService"]
SERVICE_NAME = SERVICE.full_name


def operation_name(rpc: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", rpc).lower()


class CadresServicer(cadres_pb2_grpc.CadresServiceServicer):
    def __init__(self, operations: Operations) -> None:
        self.operations = operations


def _rpc(operation: str, response: type[Message]) -> Callable[..., Any]:
    @maps_errors
    def call(self: CadresServicer, request: Message, context: grpc.ServicerContext) -> Message:
        document = getattr(self.operations, operation)(proto_io.to_document(request))
        return proto_io.to_message(document, response)

    call.__name__ = operation
    return call


for _method in SERVICE.methods:
    setattr(CadresServicer, _method.name,
            _rpc(operation_name(_method.name), getattr(cadres_pb2, _method.output_type.name)))


def adder(service: Service) -> Callable[[grpc.Server], None]:
    def add(server: grpc.Server) -> None:
        cadres_pb2_grpc.add_CadresServiceServicer_to_server(CadresServicer(Operations(service)), server)
    return add
