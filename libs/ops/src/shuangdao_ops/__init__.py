"""Operator CLI. Talks to services only through what operators see: gRPC
health, HTTP probes and metrics, and the Kafka broker itself."""
