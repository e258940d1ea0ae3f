"""People who use Attune and what they may see."""
