"""`python -m grader` is the `grade` command."""

import sys

try:
    from grader.cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line was still loading: nothing was made
    sys.exit(130)

if __name__ == "__main__":
    main()
