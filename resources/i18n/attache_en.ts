<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddSourceDialog</name>
    <message numerus="yes">
        <location filename="../../ui/add_source_dialog.py" line="+257"/>
        <source>{0}: {1} — the latest %n item(s):</source>
        <translation>
            <numerusform>{0}: {1} — the latest %n item:</numerusform>
            <numerusform>{0}: {1} — the latest %n items:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgendaCard</name>
    <message numerus="yes">
        <location filename="../../ui/dashboard/agenda.py" line="+120"/>
        <source>Next %n day(s)</source>
        <translation>
            <numerusform>Next %n day</numerusform>
            <numerusform>Next %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Nothing planned and no observances in the next %n day(s).
Plan posts in the Calendar; observance packs (UN days, US and host-country holidays, programme deadlines) show here when they are switched on.</source>
        <translation>
            <numerusform>Nothing planned and no observances in the next %n day.
Plan posts in the Calendar; observance packs (UN days, US and host-country holidays, programme deadlines) show here when they are switched on.</numerusform>
            <numerusform>Nothing planned and no observances in the next %n days.
Plan posts in the Calendar; observance packs (UN days, US and host-country holidays, programme deadlines) show here when they are switched on.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message numerus="yes">
        <location filename="../../ui/calendar/view.py" line="+342"/>
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n observance(s)</source>
        <translation>
            <numerusform>%n observance</numerusform>
            <numerusform>%n observances</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/counts.py" line="+21"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln new item(s)</source>
        <translation>
            <numerusform>%Ln new item</numerusform>
            <numerusform>%Ln new items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln reply(ies)</source>
        <translation>
            <numerusform>%Ln reply</numerusform>
            <numerusform>%Ln replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln new reply(ies)</source>
        <translation>
            <numerusform>%Ln new reply</numerusform>
            <numerusform>%Ln new replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln source</numerusform>
            <numerusform>%Ln sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln post(s)</source>
        <translation>
            <numerusform>%Ln post</numerusform>
            <numerusform>%Ln posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln channel(s)</source>
        <translation>
            <numerusform>%Ln channel</numerusform>
            <numerusform>%Ln channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln observance day(s)</source>
        <translation>
            <numerusform>%Ln observance day</numerusform>
            <numerusform>%Ln observance days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln analysed reply(ies)</source>
        <translation>
            <numerusform>%Ln analysed reply</numerusform>
            <numerusform>%Ln analysed replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln invalid address(es)</source>
        <translation>
            <numerusform>%Ln invalid address</numerusform>
            <numerusform>%Ln invalid addresses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln story(ies)</source>
        <translation>
            <numerusform>%Ln story</numerusform>
            <numerusform>%Ln stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln group</numerusform>
            <numerusform>%Ln groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln already there</source>
        <translation>
            <numerusform>%Ln already there</numerusform>
            <numerusform>%Ln already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln mention(s)</source>
        <translation>
            <numerusform>%Ln mention</numerusform>
            <numerusform>%Ln mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln watch-term hit(s)</source>
        <translation>
            <numerusform>%Ln watch-term hit</numerusform>
            <numerusform>%Ln watch-term hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n starter source(s)</source>
        <translation>
            <numerusform>%n starter source</numerusform>
            <numerusform>%n starter sources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message numerus="yes">
        <location filename="../../ui/first_run.py" line="+117"/>
        <source>Add the starter sources chosen by your IT department: %n feeds</source>
        <translation>
            <numerusform>Add the starter source chosen by your IT department: %n feed</numerusform>
            <numerusform>Add the starter sources chosen by your IT department: %n feeds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Add the starter sources: %n public feeds (State Department, UN News, RFE/RL…)</source>
        <translation>
            <numerusform>Add the starter sources: %n public feed (State Department, UN News, RFE/RL…)</numerusform>
            <numerusform>Add the starter sources: %n public feeds (State Department, UN News, RFE/RL…)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/calendar_io.py" line="+481"/>
        <source>%n problem(s) in the file; nothing was imported. Fix them and check again (lines are the rows Excel shows).</source>
        <translation>
            <numerusform>%n problem in the file; nothing was imported. Fix it and check again (lines are the rows Excel shows).</numerusform>
            <numerusform>%n problems in the file; nothing was imported. Fix them and check again (lines are the rows Excel shows).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n event(s) of the file cannot be planned and are left out (listed below, by line).</source>
        <translation>
            <numerusform>%n event of the file cannot be planned and is left out (listed below, by line).</numerusform>
            <numerusform>%n events of the file cannot be planned and are left out (listed below, by line).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n observance(s) added</source>
        <translation>
            <numerusform>%n observance added</numerusform>
            <numerusform>%n observances added</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemFilters</name>
    <message numerus="yes">
        <location filename="../../ui/monitor/filters.py" line="+84"/>
        <source>{0} (%n item(s))</source>
        <translation>
            <numerusform>{0} (%n item)</numerusform>
            <numerusform>{0} (%n items)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n item(s) in all sources mention it</source>
        <translation>
            <numerusform>%n item in all sources mention it</numerusform>
            <numerusform>%n items in all sources mention it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n reply(ies) too (see Listen)</source>
        <translation>
            <numerusform>%n reply too (see Listen)</numerusform>
            <numerusform>%n replies too (see Listen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LengthCounters</name>
    <message numerus="yes">
        <location filename="../../ui/post_editor/lengths.py" line="+31"/>
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{0} %Ln character(s)</source>
        <translation>
            <numerusform>{0} %Ln character</numerusform>
            <numerusform>{0} %Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln character(s) too long for {0}</source>
        <translation>
            <numerusform>%Ln character too long for {0}</numerusform>
            <numerusform>%Ln characters too long for {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListenView</name>
    <message numerus="yes">
        <location filename="../../ui/listen.py" line="+755"/>
        <source>%Ln reply(ies) not analysed yet (imported from a file, or the analyzer was changed), counted as “not scored yet”.</source>
        <translation>
            <numerusform>%Ln reply not analysed yet (imported from a file, or the analyzer was changed), counted as “not scored yet”.</numerusform>
            <numerusform>%Ln replies not analysed yet (imported from a file, or the analyzer was changed), counted as “not scored yet”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <location line="+1"/>
        <location line="+14"/>
        <source>%Ln reply(ies)</source>
        <translation>
            <numerusform>%Ln reply</numerusform>
            <numerusform>%Ln replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-3"/>
        <source>&lt;b&gt;%Ln&lt;/b&gt; reply(ies)</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; reply</numerusform>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of %Ln reply(ies)</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; of %Ln reply</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; of %Ln replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>{0} negative of %n analysed reply(ies)</source>
        <translation>
            <numerusform>{0} negative of %n analysed reply</numerusform>
            <numerusform>{0} negative of %n analysed replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>{0} of %n analysed reply(ies) are negative</source>
        <translation>
            <numerusform>{0} of %n analysed reply is negative</numerusform>
            <numerusform>{0} of %n analysed replies are negative</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Label %n reply(ies) as {0}</source>
        <translation>
            <numerusform>Label %n reply as {0}</numerusform>
            <numerusform>Label %n replies as {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message numerus="yes">
        <location filename="../../ui/monitor/view.py" line="+183"/>
        <location line="+18"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ObservancePanel</name>
    <message numerus="yes">
        <location filename="../../ui/calendar/observance_panel.py" line="+38"/>
        <source>&lt;b&gt;Coming up&lt;/b&gt; — next %n day(s)</source>
        <translation>
            <numerusform>&lt;b&gt;Coming up&lt;/b&gt; — next %n day</numerusform>
            <numerusform>&lt;b&gt;Coming up&lt;/b&gt; — next %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>No observances in the next %n day(s).
Choose host countries and packs with:
attache config set countries UZ
attache config set packs un,us,host,programme</source>
        <translation>
            <numerusform>No observances in the next %n day.
Choose host countries and packs with:
attache config set countries UZ
attache config set packs un,us,host,programme</numerusform>
            <numerusform>No observances in the next %n days.
Choose host countries and packs with:
attache config set countries UZ
attache config set packs un,us,host,programme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>⚑ Start preparing on {0} (%n day(s) ahead)</source>
        <translation>
            <numerusform>⚑ Start preparing on {0} (%n day ahead)</numerusform>
            <numerusform>⚑ Start preparing on {0} (%n days ahead)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message numerus="yes">
        <location filename="../../ui/monitor/reading.py" line="+39"/>
        <source>Load %n image(s)</source>
        <translation>
            <numerusform>Load %n image</numerusform>
            <numerusform>Load %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplyReader</name>
    <message numerus="yes">
        <location filename="../../ui/reply_reader.py" line="+119"/>
        <source>♥ %n like(s)</source>
        <translation>
            <numerusform>♥ %n like</numerusform>
            <numerusform>♥ %n likes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/reports_dialog.py" line="+416"/>
        <source>%n page(s) as PDF — {0}</source>
        <translation>
            <numerusform>%n page as PDF — {0}</numerusform>
            <numerusform>%n pages as PDF — {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentimentCard</name>
    <message numerus="yes">
        <location filename="../../ui/dashboard/sentiment.py" line="+44"/>
        <source>Sentiment, last %n day(s)</source>
        <translation>
            <numerusform>Sentiment, last %n day</numerusform>
            <numerusform>Sentiment, last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No replies in the last %n day(s). Replies to your own accounts&apos; posts are collected when sources refresh.</source>
        <translation>
            <numerusform>No replies in the last %n day. Replies to your own accounts&apos; posts are collected when sources refresh.</numerusform>
            <numerusform>No replies in the last %n days. Replies to your own accounts&apos; posts are collected when sources refresh.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Mean polarity {0}, {1} negative — over the %n analysed reply(ies); replies in languages Attaché does not analyse are counted apart.</source>
        <translation>
            <numerusform>Mean polarity {0}, {1} negative — over the %n analysed reply; replies in languages Attaché does not analyse are counted apart.</numerusform>
            <numerusform>Mean polarity {0}, {1} negative — over the %n analysed replies; replies in languages Attaché does not analyse are counted apart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourceCommands</name>
    <message numerus="yes">
        <location filename="../../ui/sources_page.py" line="+124"/>
        <source>Remove “{0}” and its %Ln item(s)?</source>
        <translation>
            <numerusform>Remove “{0}” and its %Ln item?</numerusform>
            <numerusform>Remove “{0}” and its %Ln items?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message numerus="yes">
        <location line="+139"/>
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln source</numerusform>
            <numerusform>%Ln sources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchCard</name>
    <message numerus="yes">
        <location filename="../../ui/dashboard/watch.py" line="+81"/>
        <source>and %n quieter term(s)</source>
        <translation>
            <numerusform>and %n quieter term</numerusform>
            <numerusform>and %n quieter terms</numerusform>
        </translation>
    </message>
</context>
</TS>
