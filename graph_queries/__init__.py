"""Unsilo's domain, stores and analyses: importable without the web service."""
