"""The supervision portal: a server-rendered web application over the
services' gRPC APIs, acting always with the signed-in official's own token."""
