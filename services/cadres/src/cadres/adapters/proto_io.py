"""gRPC messages <-> the request and response documents of api_io. Field names
are the same; enums become the lower-case word after their prefix
(UNIT_KIND_ENTERPRISE <-> "enterprise", 0 <-> "")."""
from __future__ import annotations

import re
from typing import Any

from google.protobuf.descriptor import EnumDescriptor, FieldDescriptor
from google.protobuf.message import Message


def _prefix(enum: EnumDescriptor) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", enum.name).upper() + "_"


def _word(enum: EnumDescriptor, number: int) -> str:
    value = enum.values_by_number.get(number)
    if value is None:
        return f"unknown({number})"
    return "" if number == 0 else value.name.removeprefix(_prefix(enum)).lower()


def _number(enum: EnumDescriptor, word: str) -> int:
    if not word:
        return 0
    return enum.values_by_name[_prefix(enum) + word.upper()].number


def _is_repeated(field: FieldDescriptor) -> bool:
    return bool(field.is_repeated) if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED


def to_document(message: Message) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for field in message.DESCRIPTOR.fields:
        value = getattr(message, field.name)
        if _is_repeated(field):
            document[field.name] = [_scalar_out(field, item) for item in value]
        else:
            document[field.name] = _scalar_out(field, value)
    return document


def _scalar_out(field: FieldDescriptor, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_ENUM:
        return _word(field.enum_type, value)
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return to_document(value)
    return value


def to_message(document: dict[str, Any], kind: type[Message]) -> Message:
    message = kind()
    fill(message, document)
    return message


def fill(message: Message, document: dict[str, Any]) -> None:
    fields = message.DESCRIPTOR.fields_by_name
    for name, value in document.items():
        field = fields[name]
        if _is_repeated(field):
            target = getattr(message, name)
            for item in value:
                if field.type == FieldDescriptor.TYPE_MESSAGE:
                    fill(target.add(), item)
                else:
                    target.append(_scalar_in(field, item))
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            fill(getattr(message, name), value)
        else:
            setattr(message, name, _scalar_in(field, value))


def _scalar_in(field: FieldDescriptor, value: Any) -> Any:
    return _number(field.enum_type, value) if field.type == FieldDescriptor.TYPE_ENUM else value
