"""STORAGE_URL → the OPTIONS of django-storages' S3Storage.

    s3://KEY:SECRET@host:port/bucket            HTTPS endpoint https://host:port
    s3+http://KEY:SECRET@host:port/bucket       plain HTTP (a store on the private network)
    ...?region=ap-southeast-3&prefix=jejak      optional region and key prefix

Key and secret are URL-encoded if they hold ':', '@' or '/'. Framework-free: settings.py
imports it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

SCHEMES = {"s3": "https", "s3+https": "https", "s3+http": "http"}


def s3_options(url: str) -> dict[str, Any]:
    """S3Storage OPTIONS for `url`; ValueError naming the part that is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"STORAGE_URL must start with s3://, s3+http:// or s3+https://: {url!r}")
    bucket = parts.path.strip("/")
    if not parts.hostname or not bucket or "/" in bucket:
        raise ValueError(
            "STORAGE_URL needs a host and one bucket name: s3://KEY:SECRET@host/bucket"
        )
    if not parts.username or not parts.password:
        raise ValueError("STORAGE_URL needs the access key and secret: s3://KEY:SECRET@host/bucket")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    options: dict[str, Any] = {
        "endpoint_url": f"{SCHEMES[parts.scheme]}://{host}",
        "bucket_name": bucket,
        "access_key": unquote(parts.username),
        "secret_key": unquote(parts.password),
        "region_name": query.get("region") or None,
        "location": query.get("prefix", "").strip("/"),
        # Private files: no public ACL, never overwritten by a name clash, and no signed
        # URLs handed out (every file goes through a view that checks access).
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": False,
        # Path-style works with every S3-compatible server (SeaweedFS, MinIO, Ceph).
        "addressing_style": "path",
        "signature_version": "s3v4",
    }
    return options
