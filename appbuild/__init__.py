"""Builds the self-contained app, and its identity (version, notices) and --self-test."""
