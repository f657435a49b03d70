import sys

from fieldmap.cli import main

sys.exit(main())
