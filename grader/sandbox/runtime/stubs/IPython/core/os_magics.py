"""Stand-ins for IPython's magics that touch the system (IPython.core.magics.osm and
.namespace): only what is harmless in the scratch folder happens, and no shell ever runs.
``%cd`` enters folders inside it, ``mkdir`` (``%mkdir``, ``!mkdir``) makes them there,
``%pwd``, ``%env`` and ``%who`` answer as IPython's do."""

import contextlib
import os
import shlex

from IPython.core.error import UsageError


def _inside(path, folder):
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _cd(shell, line):
    """``%cd folder``: only into a folder inside the scratch folder (IPython prints an
    error, and goes on, for a folder it cannot enter)."""
    words = [w for w in shlex.split(line) if w != "-q"]
    target = words[0] if words else shell.home
    path = os.path.abspath(os.path.expanduser(target))
    if not (os.path.isdir(path) and _inside(path, shell.home)):
        print(f"[Errno 2] No such file or directory: {target!r}")
        return
    os.chdir(path)
    if "-q" not in line.split():
        print(path)


def _mkdir(shell, line):
    """``mkdir [-p] names``, only inside the scratch folder."""
    words = shlex.split(line)
    parents = "-p" in words or "--parents" in words
    for name in (w for w in words if not w.startswith("-")):
        if not _inside(os.path.abspath(name), shell.home):
            print(f"mkdir: cannot create directory {name!r}: outside the scratch folder")
            continue
        try:
            os.makedirs(name, exist_ok=True) if parents else os.mkdir(name)
        except OSError as exc:
            print(f"mkdir: cannot create directory {name!r}: {exc.strerror}")


def shell_command(shell, command):
    """A shell escape (``!cmd``): never run; a plain ``mkdir`` is made in the scratch
    folder, so that the files the notebook then writes there can be written."""
    words = command.split(maxsplit=1)
    if words and words[0] == "mkdir" and not any(c in command for c in ";&|<>$`(){}*?"):
        with contextlib.suppress(ValueError):
            _mkdir(shell, words[1] if len(words) > 1 else "")


def _env(shell, line):
    line = line.strip()
    if not line:
        return dict(os.environ)
    if "=" not in line and " " not in line:
        if line not in os.environ:
            raise UsageError(f"Environment does not have key: {line}")
        return os.environ[line]
    return _set_env(shell, line)


def _set_env(shell, line):
    name, _, value = line.partition("=" if "=" in line else " ")
    if not name.strip() or any(c.isspace() for c in name.strip()):
        raise UsageError("usage is 'set_env var=val'")
    os.environ[name.strip()] = value.strip()
    print(f"env: {name.strip()}={value.strip()}")


def _user_names(shell, kinds=()):
    hidden = {"In", "Out", "exit", "quit", "get_ipython", "display", *shell.user_ns_hidden}
    return sorted(
        name
        for name, value in shell.user_ns.items()
        if not name.startswith("_")
        and name not in hidden
        and (not kinds or type(value).__name__ in kinds)
    )


def _who(shell, line):
    names = _user_names(shell, line.split())
    print("\t".join(names) if names else "Interactive namespace is empty.")


def _whos(shell, line):
    names = _user_names(shell, line.split())
    if not names:
        print("Interactive namespace is empty.")
    for name in names:
        value = shell.user_ns[name]
        print(f"{name:<16}{type(value).__name__:<16}{repr(value)[:50]}")


def _getoutput(shell, line):
    return shell.getoutput(line)


LINE = {
    "cd": _cd,
    "env": _env,
    "mkdir": _mkdir,
    "pwd": lambda shell, line: os.getcwd(),
    "set_env": _set_env,
    "sx": _getoutput,
    "system": _getoutput,
    "who": _who,
    "who_ls": lambda shell, line: _user_names(shell, line.split()),
    "whos": _whos,
}
