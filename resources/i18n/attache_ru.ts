<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../desktop/crash.py" line="+38"/>
        <source>crash</source>
        <comment>The proxy refused the connection. Check the proxy in Settings → Network, or ask IT.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>crash</source>
        <comment>A secure connection could not be verified. If your office inspects TLS, IT must give Attaché its CA bundle (Settings → Network).</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>crash</source>
        <comment>The network cannot be reached: you may be offline or behind a proxy. Attaché keeps working with what it has stored.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>crash</source>
        <comment>The database is busy: another Attaché or a backup is using it. Try again in a moment.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>crash</source>
        <comment>Attaché cannot use the file {0}: {1}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>crash</source>
        <comment>Attaché</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crash</source>
        <comment>The details are in the log file:
{0}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crash</source>
        <comment>The log file could not be written.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crash</source>
        <comment>Attaché ran into a bug</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crash</source>
        <comment>Something went wrong that Attaché did not expect ({0}: {1}).
Your data is safe: every change is saved as it is made.

{2}

Please send that file to IT.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/notify.py" line="+32"/>
        <source>notify</source>
        <comment>{0} new items from {1} sources</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>notify</source>
        <comment>{0} new replies</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>notify</source>
        <comment>{0} watch-term hits</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/models/replies_table.py" line="+69"/>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not analysed: language not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sentiment</source>
        <translation type="unfinished">Тональность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Positive, neutral or negative; “not analysed” when no analyzer reads the language. ✎ = labelled by hand. Keys 1/2/3 set it, 0 gives it back to the analyzer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The analyzer&apos;s score, from −1 (negative) to +1 (positive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the reply was written (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+155"/>
        <source>Counted as its own category, never as neutral. Press 1, 2 or 3 to label it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not scored yet: the analyzer has not read this reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labelled by hand. Press 0 to give it back to the analyzer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labelled by the analyzer. Press 1, 2 or 3 to correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language could not be told (emoji, numbers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sentiment_chart.py" line="+43"/>
        <source>Positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+119"/>
        <source>No replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Week {0}: {1} – {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>(untitled post)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="+97"/>
        <location line="+59"/>
        <source>Add source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-49"/>
        <source>https://… feed or web page, @user@instance, name.bsky.social, t.me/channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch the first items without adding the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This page links to several feeds; pick one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the source&apos;s own title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of the embassy&apos;s own accounts (collect replies to its posts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Recognise automatically — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognise automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Looking up {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}: {1} — the latest {2} items:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1} — no items to show yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Adding {0}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AllDayStrip</name>
    <message>
        <location filename="../../ui/calendar/week_view.py" line="+292"/>
        <source>all day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>+{0} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <location filename="../../ui/calendar/moves.py" line="+34"/>
        <source>Move “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/calendar/palette.py" line="+69"/>
        <source>idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UN day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>US holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>host-country holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>programme deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your observance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>≈&amp;nbsp;estimated&amp;nbsp;date &amp;nbsp; ⚑&amp;nbsp;start&amp;nbsp;preparing &amp;nbsp; ⚠&amp;nbsp;plan&amp;nbsp;warning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../ui/calendar/view.py" line="+115"/>
        <source>T&amp;oday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Go to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous (Page Up in the month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next (Page Down in the month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;New post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan a post on the selected day (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Nothing planned in {0}.
Press Ctrl+N to plan a post, or pick an observance on the right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No posts planned here yet — double-click a day or press Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 observance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} observances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times are shown in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>“{0}” repeats: change its dates in the post editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Moved “{0}” to {1} — Ctrl+Z puts it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Someone else changed this post after the calendar showed it, so it was not moved. The calendar now shows the latest version; move it again if you still want to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The post could not be moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post not moved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/dashboard.py" line="+456"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recount everything now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Next 14 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Failing sources, worst first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every source fetched fine the last time it was due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Source health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sentiment, last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Watch terms, last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Own accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+4"/>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not update: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Updated {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Next {0} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing planned and no observances in the next {0} days.
Plan posts in the Calendar; observance packs (UN days, US and host-country holidays, programme deadlines) show here when they are switched on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No sources yet — add feeds and social accounts in Sources.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not fetched yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sentiment, last {0} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No replies in the last {0} days. Replies to your own accounts&apos; posts are collected when sources refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not analysed (language)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mean polarity {0}, {1} negative — over the {2} analysed replies; only English is analysed today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of these replies could be analysed (only English is analysed today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No watch terms yet — add the words, #hashtags and @mentions you follow (Sources, or: attache watch add TERM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0} mentions in {1} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>and {0} quieter terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No own accounts yet — add your embassy&apos;s Mastodon/Bluesky/Telegram in Sources and mark them as your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not present on: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/calendar_io.py" line="+199"/>
        <source>Export Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include observance days (with their “prepare by” reminders in .ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calendar files (*.ics *.csv *.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;From – to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Choose a file to export to (Browse…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The range ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is a folder; give a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported {0} posts and {1} observance days to {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not export to {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="+58"/>
        <location line="+5"/>
        <source>Welcome to Attaché</source>
        <translation>Добро пожаловать в Attaché</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attaché follows what is said about your embassy, plans posts around observances and shows how people react. Three questions to start; you can change every answer later in Tools → Settings (Ctrl+,).</source>
        <translation>Attaché следит за тем, что говорят о вашем посольстве, помогает планировать публикации к памятным датам и показывает реакцию аудитории. Для начала три вопроса; любой ответ можно изменить позже в меню Сервис → Настройки (Ctrl+,).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Your &amp;time zone:</source>
        <translation>Ваш &amp;часовой пояс:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uzbekistan</source>
        <translation>Узбекистан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kazakhstan</source>
        <translation>Казахстан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kyrgyzstan</source>
        <translation>Кыргызстан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tajikistan</source>
        <translation>Таджикистан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkmenistan</source>
        <translation>Туркменистан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host countries (their public holidays and programme deadlines)</source>
        <translation>Страны пребывания (их праздники и сроки программ)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Observances in the calendar</source>
        <translation>Памятные даты в календаре</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UN international days</source>
        <translation>Международные дни ООН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>US federal holidays</source>
        <translation>Федеральные праздники США</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public holidays of the host countries</source>
        <translation>Государственные праздники стран пребывания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange-programme deadlines (Fulbright, FLEX, Humphrey)</source>
        <translation>Сроки программ обмена (Fulbright, FLEX, Humphrey)</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Add the starter sources chosen by your IT department: %n feeds</source>
        <translation>
            <numerusform>Добавить стартовые источники от ИТ-отдела: %n лента</numerusform>
            <numerusform>Добавить стартовые источники от ИТ-отдела: %n ленты</numerusform>
            <numerusform>Добавить стартовые источники от ИТ-отдела: %n лент</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Add the starter sources: %n public feeds (State Department, UN News, RFE/RL…)</source>
        <translation>
            <numerusform>Добавить стартовые источники: %n открытая лента (Госдеп, UN News, RFE/RL…)</numerusform>
            <numerusform>Добавить стартовые источники: %n открытые ленты (Госдеп, UN News, RFE/RL…)</numerusform>
            <numerusform>Добавить стартовые источники: %n открытых лент (Госдеп, UN News, RFE/RL…)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>They are fetched in the background; remove any you do not need in Sources.</source>
        <translation>Они загружаются в фоне; ненужные можно удалить на странице «Источники».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Start</source>
        <translation>&amp;Начать</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;kip</source>
        <translation>&amp;Пропустить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the defaults; this dialog will not be shown again</source>
        <translation>Оставить значения по умолчанию; это окно больше не появится</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Choose a time zone, e.g. Asia/Tashkent.</source>
        <translation>Выберите часовой пояс, например Asia/Tashkent.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/calendar_io.py" line="+18"/>
        <source>Import Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar files (*.ics *.csv *.xlsx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An .ics, .csv or .xlsx file — e.g. an export edited in Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a file, then Check it: nothing is written until you press Import, and a file with problems is not imported at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checking {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose an .ics, .csv or .xlsx file to import (Browse…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no file {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{0} new, {1} changed, {2} unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, {0} observances added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} problem(s) in the file; nothing was imported. Fix them (the line numbers are the rows Excel shows) and check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is fine. Import will make: {0}. Nothing has been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListenView</name>
    <message>
        <location filename="../../ui/listen.py" line="+176"/>
        <source>Analyse them now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Search replies and authors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All sentiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+518"/>
        <source>Positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-517"/>
        <location line="+518"/>
        <source>Neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-518"/>
        <location line="+519"/>
        <source>Negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-518"/>
        <source>Not analysed (language not supported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not analysed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only replies in languages no analyzer reads (Russian, Uzbek, Kazakh…): read them yourself and label them with 1/2/3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between dates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Post:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Campaign:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Correct a label: select replies and press 1 positive · 2 neutral · 3 negative · 0 back to the analyzer (or right-click). Ctrl+Z undoes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No post needs attention: none has an unusually high share of negative replies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Needs attention&lt;/b&gt; — click a post to see its replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;h3&gt;No replies yet&lt;/h3&gt;&lt;p&gt;Listen shows how people react to the embassy&apos;s own posts: every reply, positive, neutral or negative, and which posts need attention.&lt;/p&gt;&lt;p&gt;Add your own accounts in &lt;b&gt;Sources&lt;/b&gt; (Mastodon, Bluesky, YouTube, Telegram, Facebook, Instagram) as &lt;i&gt;own&lt;/i&gt; accounts, then refresh (F5): replies to posts of the last 30 days are collected.&lt;/p&gt;&lt;p&gt;Or import an X or Meta Business Suite export:&lt;br&gt;&lt;code&gt;attache replies import export.csv --platform x&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+99"/>
        <source>All languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+140"/>
        <source>(untitled post)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-137"/>
        <source>All campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown — emoji, numbers ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+111"/>
        <source>not analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-78"/>
        <source>No replies yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0} replies have not been analysed yet (imported from a file, or the analyzer was changed); they are counted as “not scored yet”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sentiment charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; &lt;b&gt;{1} not analysed: language not supported&lt;/b&gt;{2}. Shown on their own, never counted as neutral — read them and press 1/2/3 to label them by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>{0} replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of {1} replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} negative of {1} analysed replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Click to show the replies to this post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Label {0} replies as {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not change the label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not undo the label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Back to the analyzer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show only replies to this post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open reply in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not analyse the replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Analysing replies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+43"/>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add the starter sources (State Dept, UN News, RFE/RL…)</source>
        <translation>Добавить стартовые источники (Госдеп, UN News, RFE/RL…)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Database: {0}</source>
        <translation>База данных: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Monitor</source>
        <translation>Мониторинг</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tools</source>
        <translation>&amp;Сервис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Спр&amp;авка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh sources</source>
        <translation>&amp;Обновить источники</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find items</source>
        <translation>&amp;Найти материалы</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>No sources yet.
Add one with File → Add source… (or: attache sources add URL)
or start with a curated set of public feeds:</source>
        <translation>Источников пока нет.
Добавьте источник: Файл → Добавить источник… (или: attache sources add URL)
или начните с подобранного набора открытых лент:</translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message>
        <location filename="../../ui/monitor.py" line="+89"/>
        <source>Search titles and text (Ctrl+F) — Cyrillic and O‘zbek work too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only items not read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only starred items (S stars the current item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only items that mention a watch term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+126"/>
        <source>Any watch term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-118"/>
        <source>From (inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Load images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load {0} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+92"/>
        <source>{0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+85"/>
        <source>{0} items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="+63"/>
        <source>Month calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+174"/>
        <source>+{0} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../desktop/notify.py" line="+14"/>
        <source>Attaché</source>
        <translation type="unfinished">Attaché</translation>
    </message>
</context>
<context>
    <name>ObservancePanel</name>
    <message>
        <location filename="../../ui/calendar/observance_panel.py" line="+37"/>
        <source>&lt;b&gt;Coming up&lt;/b&gt; — next {0} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upcoming observances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No observances in the next {0} days.
Choose host countries and packs with:
attache config set countries UZ
attache config set packs un,us,host,programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Plan a post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the post editor with this observance&apos;s name and date filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in {0} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ post planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚑ prepare now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚑ from {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>⚑ Start preparing on {0} ({1} days ahead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date is an estimate: confirm it before publishing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <location filename="../../ui/calendar_io.py" line="-318"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished">&amp;Обзор…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import From</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <location filename="../../ui/post_editor.py" line="+148"/>
        <source>What the post is about, for the calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text that goes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No accounts of the embassy yet: add them on the Sources page and mark them as own accounts; they then appear here as channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>None — type a name to start one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For the team: sources, approvals, image credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save and Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and keep editing (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Te&amp;xt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;hannels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;mpaign:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Observance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Observance {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Source {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Edit Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Move the post to “{0}” (saved with the post)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The post&apos;s status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a next step from “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{0} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} {1} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} characters too long for {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The plan could not be checked: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No clashes on these channels, no public holiday, no missed deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+36"/>
        <source>Post Not Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Give the post a title: it is what the calendar shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Saved by Someone Else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else saved this post while you were editing it, so your changes were not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload Their Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep Editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Delete Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “{0}” from the plan? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>this post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Post Not Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to “{0}” before closing?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostStatus</name>
    <message>
        <location line="+14"/>
        <source>Idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="+60"/>
        <source>No such file: {0}</source>
        <translation>Нет такого файла: {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot write the settings file: {0}</source>
        <translation>Не удаётся записать файл настроек: {0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>YouTube Data API key (comments on the embassy&apos;s videos)</source>
        <translation>Ключ YouTube Data API (комментарии к видео посольства)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Facebook Page access token (for every Page without its own)</source>
        <translation>Токен доступа страницы Facebook (для всех страниц без своего токена)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Instagram access token (for every account without its own)</source>
        <translation>Токен доступа Instagram (для всех аккаунтов без своего токена)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} token for {1}</source>
        <translation>Токен {0} для {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stored earlier</source>
        <translation>сохранён ранее</translation>
    </message>
    <message>
        <location line="+55"/>
        <location filename="../../ui/settings_dialog.py" line="+118"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Settings saved.</source>
        <translation>Настройки сохранены.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new database or language is used after you restart Attaché.</source>
        <translation>Новая база данных или язык начнут действовать после перезапуска Attaché.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Added {0} starter sources; they are fetched now (F5 fetches again).</source>
        <translation>Добавлено стартовых источников: {0}; они загружаются (F5 — загрузить снова).</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+97"/>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Time zone:</source>
        <translation>&amp;Часовой пояс:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned posts are shown and exported in this zone.</source>
        <translation>Запланированные публикации показываются и экспортируются в этом поясе.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system&apos;s language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Takes effect after you restart Attaché.</source>
        <translation>Вступит в силу после перезапуска Attaché.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+231"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location line="-229"/>
        <source>Default &amp;refresh interval:</source>
        <translation>&amp;Интервал обновления по умолчанию:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For sources added from now on; each source can have its own.</source>
        <translation>Для новых источников; у каждого источника может быть свой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh sources in the background while Attaché is open</source>
        <translation>Обновлять источники в фоне, пока Attaché открыт</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify me of new replies and watch-term hits</source>
        <translation>Сообщать о новых ответах и совпадениях с отслеживаемыми словами</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Network</source>
        <translation>Сеть</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From the system (HTTPS_PROXY), or none</source>
        <translation>Из системы (HTTPS_PROXY) или без прокси</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Proxy:</source>
        <translation>&amp;Прокси:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. http://proxy.example:8080</source>
        <translation>например, http://proxy.example:8080</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system&apos;s certificates</source>
        <translation>Сертификаты системы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CA &amp;certificates:</source>
        <translation>&amp;Сертификаты ЦС:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only where IT inspects TLS with its own certificate authority.</source>
        <translation>Только если ИТ-отдел проверяет TLS своим центром сертификации.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+4"/>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Connect timeout:</source>
        <translation>Тайм-аут соединения:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read timeout:</source>
        <translation>Тайм-аут чтения:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The longest wait between two pieces of a download.</source>
        <translation>Наибольшая пауза между двумя частями загрузки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest download:</source>
        <translation>Самая долгая загрузка:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> MiB</source>
        <translation> МиБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest feed:</source>
        <translation>Наибольшая лента:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CA certificates</source>
        <translation>Сертификаты ЦС</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Сертификаты (*.pem *.crt *.cer);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In use now: {0}</source>
        <translation>Сейчас используется: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database for the next start</source>
        <translation>База данных при следующем запуске</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The &amp;default database</source>
        <translation>База данных по &amp;умолчанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Another SQLite file:</source>
        <translation>&amp;Другой файл SQLite:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A &amp;PostgreSQL server (team mode):</source>
        <translation>Сервер &amp;PostgreSQL (командная работа):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A file such as attache.db</source>
        <translation>Файл, например attache.db</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B&amp;rowse…</source>
        <translation>О&amp;бзор…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A change of database takes effect after you restart Attaché. Nothing is copied between databases.</source>
        <translation>Смена базы данных вступит в силу после перезапуска Attaché. Данные между базами не копируются.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Открыть папку</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>SQLite database</source>
        <translation>База данных SQLite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Базы данных SQLite (*.db *.sqlite);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a file or type a server URL first.</source>
        <translation>Сначала выберите файл или введите адрес сервера.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uzbekistan</source>
        <translation>Узбекистан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kazakhstan</source>
        <translation>Казахстан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kyrgyzstan</source>
        <translation>Кыргызстан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tajikistan</source>
        <translation>Таджикистан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkmenistan</source>
        <translation>Туркменистан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host countries</source>
        <translation>Страны пребывания</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Their public holidays and programme deadlines are shown.</source>
        <translation>Показываются их государственные праздники и сроки программ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Observances shown in the calendar</source>
        <translation>Памятные даты в календаре</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UN international days</source>
        <translation>Международные дни ООН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>US federal holidays</source>
        <translation>Федеральные праздники США</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public holidays of the host countries</source>
        <translation>Государственные праздники стран пребывания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange-programme deadlines (Fulbright, FLEX, Humphrey)</source>
        <translation>Сроки программ обмена (Fulbright, FLEX, Humphrey)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Warn when two posts on one channel are closer than:</source>
        <translation>Предупреждать, если две публикации в одном канале ближе, чем:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sentiment</source>
        <translation>Тональность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each English reply gets a polarity from −1 (very negative) to +1 (very positive). At or above the positive threshold it counts as positive, at or below the negative threshold as negative, in between as neutral. The defaults were measured on labelled embassy replies. Other languages are counted as unsupported, never as neutral.</source>
        <translation>Каждый ответ на английском получает полярность от −1 (очень негативно) до +1 (очень позитивно). Не ниже положительного порога — позитивный, не выше отрицательного — негативный, между ними — нейтральный. Значения по умолчанию измерены на размеченных ответах посольству. Ответы на других языках считаются неподдерживаемыми, а не нейтральными.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Positive from:</source>
        <translation>&amp;Позитивно от:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Negative up to:</source>
        <translation>&amp;Негативно до:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Social-media rules (recommended)</source>
        <translation>Правила для соцсетей (рекомендуется)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TextBlob (baseline)</source>
        <translation>TextBlob (базовый)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Analyzer:</source>
        <translation>&amp;Анализатор:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also score items from watched feeds (English only)</source>
        <translation>Оценивать также материалы отслеживаемых лент (только английский)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replies already scored keep their labels until you re-score them (attache sentiment run --rescore); your own labels are always kept.</source>
        <translation>Уже оценённые ответы сохраняют метки до переоценки (attache sentiment run --rescore); ваши собственные метки сохраняются всегда.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Secrets</source>
        <translation>Секреты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokens and API keys go to this computer&apos;s keyring (Windows Credential Manager, macOS Keychain, GNOME Keyring or KWallet), never to a file. Attaché shows whether one is stored, never what it is.</source>
        <translation>Токены и ключи API хранятся в хранилище паролей этого компьютера (диспетчер учётных данных Windows, Связка ключей macOS, GNOME Keyring или KWallet), никогда — в файле. Attaché показывает, сохранён ли секрет, но не его значение.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Another secret</source>
        <translation>Другой секрет</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name, e.g. mastodon:mastodon.social</source>
        <translation>Имя, например mastodon:mastodon.social</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <source>Store</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Paste a new value</source>
        <translation>Вставьте новое значение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>not stored</source>
        <translation>не сохранён</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stored ✓</source>
        <translation>сохранён ✓</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>не задан</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Secret not stored</source>
        <translation>Секрет не сохранён</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type a name and a value.</source>
        <translation>Введите имя и значение.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>stored from this dialog</source>
        <translation>сохранён в этом окне</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose the SQLite file, or pick another option.</source>
        <translation>Выберите файл SQLite или другой вариант.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The positive threshold must be above the negative one.</source>
        <translation>Положительный порог должен быть выше отрицательного.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Settings not saved</source>
        <translation>Настройки не сохранены</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This computer&apos;s zone ({0})</source>
        <translation>Пояс этого компьютера ({0})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type to search, e.g. Tashkent</source>
        <translation>Начните вводить, например Tashkent</translation>
    </message>
</context>
<context>
    <name>SourceCommands</name>
    <message>
        <location filename="../../ui/sources_page.py" line="+80"/>
        <source>&amp;Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-&amp;enable (it is back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Remove “{0}” and its {1} items?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove “{0}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The items are deleted from this database; adding the source again fetches only what the feed still offers. To stop fetching but keep the items, choose Disable instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Source not changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceEditDialog</name>
    <message>
        <location filename="../../ui/source_edit_dialog.py" line="+53"/>
        <source>Edit source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the feed&apos;s own title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message>
        <location filename="../../ui/sources_page.py" line="+25"/>
        <source>&amp;Add source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by title, category, status or error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No sources yet.

Add a feed, a web page, or a social account with “Add source…”,
or bring a list from another reader with File → Import OPML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{0} sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, {0} need attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop/app.py" line="+79"/>
        <source>Attaché cannot open its database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../ui/source_edit_dialog.py" line="-36"/>
        <source>none — type e.g. News / Uzbekistan to nest folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source> min</source>
        <translation type="unfinished"> мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often Attaché checks this source for new items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ctx.window</name>
    <message>
        <location filename="../../desktop/page_calendar.py" line="+135"/>
        <source>Post editor unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The post editor could not be loaded. Plan posts from the command line meanwhile: attache posts add --title … --at &quot;YYYY-MM-DD HH:MM&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Updating observance days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/page_sources.py" line="+33"/>
        <source>A refresh is already running; this source is fetched with it or the next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Removed the source and {0} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Added {0}; press F5 to fetch it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.ctx.window</name>
    <message>
        <location filename="../../desktop/refresh.py" line="+94"/>
        <source>Refreshed {0} sources: {1} new items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, {0} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.notifier</name>
    <message>
        <location filename="../../desktop/scheduler.py" line="+59"/>
        <source>Attaché</source>
        <translation type="unfinished">Attaché</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <location filename="../../desktop/page_calendar.py" line="+25"/>
        <source>Plan a post on the selected day ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/listen.py" line="-668"/>
        <source>Label reply as {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../desktop/app.py" line="-29"/>
        <source>Calendar</source>
        <translation type="unfinished">Календарь</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/page_calendar.py" line="-12"/>
        <source>&amp;New post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export calendar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import calendar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/page_monitor.py" line="+46"/>
        <source>&amp;Add source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import OPML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export OPML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Added {0} starter sources; press F5 to fetch them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/page_sources.py" line="+17"/>
        <source>Import sources from OPML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported {0} sources; {1} were already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; skipped {0} invalid addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OPML not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export sources to OPML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OPML files (*.opml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported {0} sources to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OPML not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/refresh.py" line="-56"/>
        <source>Refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
