import sys

from skyslate.cli import main

sys.exit(main())
