"""Shared infrastructure for Shuangdao services. Free of domain code by rule."""
