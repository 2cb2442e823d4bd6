"""What a check calls: the submission, seen through a proxy.

``records`` holds the interface (``SubmissionProxy``, ``FunctionProxy``) and what proxies
record; ``remote`` the proxies of a submission in its student process; ``local`` the
same interface over instructor code run in the grader's process.
"""

from grader.proxy.local import LocalCallable, LocalObject, LocalSubmission
from grader.proxy.records import (
    CallRecord,
    Event,
    FunctionProxy,
    Origin,
    Proxied,
    SubmissionProxy,
    Transcript,
    describe_call,
    real_type,
)
from grader.proxy.remote import RemoteAttributeError, RemoteCallable, RemoteObject, RemoteSubmission

__all__ = [
    "CallRecord",
    "Event",
    "FunctionProxy",
    "LocalCallable",
    "LocalObject",
    "LocalSubmission",
    "Origin",
    "Proxied",
    "RemoteAttributeError",
    "RemoteCallable",
    "RemoteObject",
    "RemoteSubmission",
    "SubmissionProxy",
    "Transcript",
    "describe_call",
    "real_type",
]
