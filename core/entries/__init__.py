"""What every source yields, whatever it is: entries (``entry``: a feed's item, a social post),
their HTML made safe and their text made searchable (``sanitize``), bounded in size
(``limits``), and stored exactly once per source (``store``). Feeds and every social adapter
use these."""
