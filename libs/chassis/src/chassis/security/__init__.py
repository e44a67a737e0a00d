"""Security building blocks every service wires the same way.

- `tokens`: Principal, verifying (and, for tooling, issuing) signed JWTs.
- `policy`: roles, the one role x action table, jurisdiction check, `authorize`.
- `grpc_auth` / `http_auth` / `kafka_auth`: bearer tokens on each transport.
- `context`: `current_principal()` for servicer and handler code.
- `personal_data`: national ID encryption, dedup keys, masking, log redaction.
- `audit`: the hash-chained, append-only audit trail and its verifier.
- `keys`: development keys, certificates and tokens (`python -m chassis.security.keys`).
- `testing`: tokens and settings for tests.

Modules are imported explicitly (no re-exports here) so an HTTP-only process
does not pull in gRPC, and the reverse."""
