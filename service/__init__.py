"""The Unsilo service: ASGI app, settings, command line and operations endpoints."""
