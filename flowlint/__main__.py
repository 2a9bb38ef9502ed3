"""`python -m flowlint`."""

from flowlint.launch import main

main()
