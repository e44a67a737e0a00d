"""Hypothesis-generated protobuf requests against every RPC of every service:
a generic strategy fills any message from its descriptor (strings empty,
unicode, numeric-looking and huge; integers at the int32/int64 edges; enums
including numbers nobody defined; repeated and nested messages), sent over a
real channel with a token. No answer may be INTERNAL or UNKNOWN (an escaped
exception), and the server must still be serving afterwards.

Also: raw garbage as a request body, requests over the 4 MiB receive limit,
and calls without or with a garbage token."""
from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from google.protobuf.descriptor import Descriptor, FieldDescriptor, ServiceDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from shuangdao.assessment.v1 import assessment_pb2
from shuangdao.cadres.v1 import cadres_pb2
from shuangdao.funds.v1 import funds_pb2
from shuangdao.registry.v1 import registry_pb2

from chassis.security.testing import token_for

SERVICES: dict[str, ServiceDescriptor] = {
    "registry": registry_pb2.DESCRIPTOR.services_by_name["RegistryService"],
    "cadres": cadres_pb2.DESCRIPTOR.services_by_name["CadresService"],
    "funds": funds_pb2.DESCRIPTOR.services_by_name["FundsService"],
    "assessment": assessment_pb2.DESCRIPTOR.services_by_name["AssessmentService"],
}
EXAMPLES_PER_RPC = 12
MAX_DEPTH = 3
# What a fuzzed request may be answered with: success or a clear refusal.
ACCEPTABLE = frozenset({grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND,
                        grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.ALREADY_EXISTS,
                        grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.OUT_OF_RANGE})
FUZZ_ROLE = "provincial_office"
BOUNDED = settings(max_examples=EXAMPLES_PER_RPC, derandomize=True, deadline=None, database=None,
                   phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))

# ---------------------------------------------------------------------------- the generic strategy

INT32, INT64 = (-(2**31), 2**31 - 1), (-(2**63), 2**63 - 1)
UINT32, UINT64 = (0, 2**32 - 1), (0, 2**64 - 1)
RANGES = {
    FieldDescriptor.TYPE_INT32: INT32, FieldDescriptor.TYPE_SINT32: INT32, FieldDescriptor.TYPE_SFIXED32: INT32,
    FieldDescriptor.TYPE_INT64: INT64, FieldDescriptor.TYPE_SINT64: INT64, FieldDescriptor.TYPE_SFIXED64: INT64,
    FieldDescriptor.TYPE_UINT32: UINT32, FieldDescriptor.TYPE_FIXED32: UINT32,
    FieldDescriptor.TYPE_UINT64: UINT64, FieldDescriptor.TYPE_FIXED64: UINT64,
}
HOSTILE_STRINGS = [
    "", " ", "0", "-1", "441826100201", "4418261002011", "000000000000", "440000000000", "999999999999",
    "00000000-0000-0000-0000-000000000000", "2026-02-30", "9999-12-31", "0000-00-00", "1970-01-01T00:00:00Z",
    "'; DROP TABLE households; --", "../../etc/passwd", "\x00", "\ud7ff\ue000\uffff", "名字" * 40,
    "44182519800101001X", "2" * 200, "x" * 70_000,
]


def integers(lo_hi: tuple[int, int]) -> st.SearchStrategy[int]:
    lo, hi = lo_hi
    return st.one_of(st.sampled_from([lo, hi, 0, -1 if lo < 0 else 1, 1]), st.integers(lo, hi))


def strings() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=40),
                     st.text(alphabet=string.digits, min_size=11, max_size=19))


def scalar(field: FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    kind = field.type
    if kind in RANGES:
        return integers(RANGES[kind])
    if kind == FieldDescriptor.TYPE_STRING:
        return strings()
    if kind == FieldDescriptor.TYPE_BYTES:
        return st.binary(max_size=64)
    if kind == FieldDescriptor.TYPE_BOOL:
        return st.booleans()
    if kind in (FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE):
        return st.floats(width=32 if kind == FieldDescriptor.TYPE_FLOAT else 64)
    if kind == FieldDescriptor.TYPE_ENUM:
        known = [v.number for v in field.enum_type.values]
        return st.one_of(st.sampled_from(known), integers(INT32))  # open enums: unknown numbers travel
    return messages(field.message_type, depth + 1)


def is_map(field: FieldDescriptor) -> bool:
    return field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.GetOptions().map_entry


def value_of(field: FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    if is_map(field):
        entry = field.message_type
        return st.dictionaries(scalar(entry.fields_by_name["key"], depth),
                               scalar(entry.fields_by_name["value"], depth), max_size=3)
    if field.is_repeated:
        return st.lists(scalar(field, depth), max_size=3)
    return scalar(field, depth)


def messages(descriptor: Descriptor, depth: int = 0) -> st.SearchStrategy[Message]:
    """Any message of that type: each field unset or set to a hostile-ish value."""
    cls = GetMessageClass(descriptor)
    if depth > MAX_DEPTH:
        return st.just(cls())
    fields = {f.name: st.one_of(st.none(), value_of(f, depth)) for f in descriptor.fields}
    return st.fixed_dictionaries(fields).map(lambda values: build(cls, values))


def build(cls: type[Message], values: dict[str, Any]) -> Message:
    message = cls()
    for name, value in values.items():
        if value is None:
            continue
        field = cls.DESCRIPTOR.fields_by_name[name]
        if is_map(field):
            target = getattr(message, name)
            for key, item in value.items():
                if isinstance(item, Message):
                    target[key].CopyFrom(item)
                else:
                    target[key] = item
        elif field.is_repeated:
            getattr(message, name).extend(value)
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            getattr(message, name).CopyFrom(value)
        else:
            setattr(message, name, value)
    return message


# ---------------------------------------------------------------------------- helpers

def rpc(channel: grpc.Channel, service: ServiceDescriptor, method_name: str) -> Callable[..., Any]:
    method = service.methods_by_name[method_name]
    return channel.unary_unary(f"/{service.full_name}/{method.name}",
                               request_serializer=lambda m: m.SerializeToString(),
                               response_deserializer=GetMessageClass(method.output_type).FromString)


def status_of(call: Callable[[], Any]) -> tuple[grpc.StatusCode, str]:
    try:
        call()
    except grpc.RpcError as error:
        return error.code(), error.details() or ""
    return grpc.StatusCode.OK, ""


def assert_serving(running: Any) -> None:
    health = health_pb2_grpc.HealthStub(running.channel())
    answer = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    assert answer.status == health_pb2.HealthCheckResponse.SERVING


# ---------------------------------------------------------------------------- the tests

@pytest.mark.parametrize("name", list(SERVICES))
def test_every_rpc_answers_generated_requests_without_internal_or_unknown(
        name: str, start_service: Callable[..., Any]) -> None:
    running = start_service(name, parts=("grpc",))
    service = SERVICES[name]
    channel = running.channel(role=FUZZ_ROLE)
    failures: dict[str, str] = {}
    for method in service.methods:
        call = rpc(channel, service, method.name)

        @BOUNDED
        @given(request=messages(method.input_type))
        def search(request: Message) -> None:
            code, details = status_of(lambda: call(request, timeout=30))
            assert code in ACCEPTABLE, f"{code.name}: {details[:500]}\nrequest: {str(request)[:1500]}"

        try:
            search()
        except AssertionError as failure:
            failures[method.name] = str(failure)
    assert not failures, "\n\n".join(f"{rpc_name}: {report}" for rpc_name, report in failures.items())
    assert_serving(running)


@pytest.mark.parametrize("name", list(SERVICES))
def test_garbage_bytes_as_a_request_never_take_the_server_down(name: str, start_service: Callable[..., Any]) -> None:
    """A body that does not parse is the caller's mistake: INVALID_ARGUMENT (the
    chassis answers it, where grpcio alone would say INTERNAL). Anything that
    does parse must get an ordinary answer."""
    running = start_service(name, parts=("grpc",))
    service = SERVICES[name]
    channel = running.channel(role=FUZZ_ROLE)
    seen: set[grpc.StatusCode] = set()

    @settings(max_examples=len(service.methods) * 3, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(method=st.sampled_from(list(service.methods)), body=st.one_of(
        st.binary(min_size=1, max_size=256), st.sampled_from([b"\xff" * 64, b"\x0a\xff\xff\xff\xff\x0f", b"\x12\x02\xc3\x28"])))
    def search(method: Any, body: bytes) -> None:
        raw = channel.unary_unary(f"/{service.full_name}/{method.name}")  # no serializers: bytes as they are
        code, details = status_of(lambda: raw(body, timeout=10))
        seen.add(code)
        undecodable = code == grpc.StatusCode.INVALID_ARGUMENT and details.startswith("the request is not a valid")
        assert undecodable or code in ACCEPTABLE, (method.name, body, code, details)

    search()
    assert grpc.StatusCode.INVALID_ARGUMENT in seen  # undecodable bodies were really sent
    assert_serving(running)
    first = service.methods[0]
    assert status_of(lambda: rpc(channel, service, first.name)(GetMessageClass(first.input_type)(), timeout=10))[0] \
        in ACCEPTABLE


@pytest.mark.parametrize("name", list(SERVICES))
def test_a_request_over_the_receive_limit_is_resource_exhausted(name: str, start_service: Callable[..., Any]) -> None:
    running = start_service(name, parts=("grpc",))
    service = SERVICES[name]
    method = service.methods[0]
    raw = running.channel(role=FUZZ_ROLE).unary_unary(f"/{service.full_name}/{method.name}")
    # Field 1 as a length-delimited 5 MiB blob: a well-formed frame, just too big.
    size = 5 * 1024 * 1024
    body = b"\x0a" + _varint(size) + b"a" * size
    code, details = status_of(lambda: raw(body, timeout=30))
    assert code == grpc.StatusCode.RESOURCE_EXHAUSTED, (code, details)
    assert_serving(running)


@pytest.mark.parametrize("name", list(SERVICES))
def test_every_rpc_refuses_a_missing_or_garbage_token_as_unauthenticated(
        name: str, start_service: Callable[..., Any]) -> None:
    running = start_service(name, parts=("grpc",))
    service = SERVICES[name]
    bare = running.channel()
    credentials: list[tuple[tuple[str, str], ...]] = [
        (), (("authorization", "Bearer"),), (("authorization", "Bearer not-a-jwt"),),
        (("authorization", "Basic dXNlcjpwYXNz"),), (("authorization", "Bearer " + "A" * 6000),),
        (("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),),
        (("authorization", f"Bearer {token_for(FUZZ_ROLE)}"), ("authorization", f"Bearer {token_for(FUZZ_ROLE)}")),
    ]
    for method in service.methods:
        request = GetMessageClass(method.input_type)()
        for metadata in credentials:
            code, details = status_of(lambda: rpc(bare, service, method.name)(request, metadata=metadata, timeout=10))
            assert code == grpc.StatusCode.UNAUTHENTICATED, (method.name, metadata[:1], code, details)
    assert_serving(running)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)
