<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
        <location filename="../../ui/calendar_io.py" line="+485"/>
        <source>%n event(s) of the file cannot be planned and are left out (listed below, by line).</source>
        <translation>
            <numerusform>%n event of the file cannot be planned and is left out (listed below, by line).</numerusform>
            <numerusform>%n events of the file cannot be planned and are left out (listed below, by line).</numerusform>
        </translation>
    </message>
</context>
</TS>
