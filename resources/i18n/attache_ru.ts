<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AccountsCard</name>
    <message>
        <location filename="../../ui/dashboard/accounts.py" line="+96"/>
        <source>Own accounts</source>
        <translation>Собственные аккаунты</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No own accounts yet — add your embassy&apos;s Mastodon/Bluesky/Telegram in Sources and mark them as your own.</source>
        <translation>Собственных аккаунтов пока нет — добавьте аккаунты посольства в Mastodon/Bluesky/Telegram на странице «Источники» и отметьте их как собственные.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not present on: {0}</source>
        <translation>Нет присутствия в: {0}</translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="+44"/>
        <source>Feed (RSS, Atom, JSON)</source>
        <translation>Лента (RSS, Atom, JSON)</translation>
    </message>
    <message>
        <location filename="../../core/platforms.py" line="+99"/>
        <source>Mastodon account</source>
        <translation>Аккаунт Mastodon</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bluesky account</source>
        <translation>Аккаунт Bluesky</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>YouTube channel</source>
        <translation>Канал YouTube</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Telegram public channel</source>
        <translation>Публичный канал Telegram</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Facebook Page</source>
        <translation>Страница Facebook</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Instagram account</source>
        <translation>Аккаунт Instagram</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>VK community or page</source>
        <translation>Сообщество или страница ВКонтакте</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="+29"/>
        <source>Something went wrong that Attaché did not expect ({0}: {1}). The details are in the log.</source>
        <translation>Произошла непредвиденная ошибка ({0}: {1}). Подробности — в журнале.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server has no page at this address (HTTP 404): check it for typos.</source>
        <translation>На сервере нет страницы по этому адресу (HTTP 404): проверьте, нет ли в нём опечаток.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refuses to let Attaché read it (HTTP 403).</source>
        <translation>Сервер не разрешает Attaché читать эту страницу (HTTP 403).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server says this is gone for good (HTTP 410).</source>
        <translation>Сервер сообщает, что страница удалена навсегда (HTTP 410).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The site&apos;s security certificate could not be checked; a proxy may need its CA bundle (Tools → Settings, or attache config set ca_bundle).</source>
        <translation>Не удалось проверить сертификат безопасности сайта; возможно, для прокси нужен пакет сертификатов ЦС (Сервис → Настройки или attache config set ca_bundle).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attaché cannot reach the server: you may be offline, or the host name is wrong.</source>
        <translation>Attaché не может связаться с сервером: возможно, нет подключения к сети или имя сервера указано неверно.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the connection: it may be down, or the port is wrong.</source>
        <translation>Сервер отклонил подключение: возможно, он не работает или указан неверный порт.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server did not answer in time; try again later.</source>
        <translation>Сервер не ответил вовремя; попробуйте позже.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+65"/>
        <source>Add source</source>
        <translation>Добавить источник</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>https://… feed or web page, @user@instance, name.bsky.social, t.me/channel</source>
        <translation>https://… лента или веб-страница, @user@instance, name.bsky.social, t.me/channel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Preview</source>
        <translation>&amp;Предпросмотр</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch the first items without adding the source</source>
        <translation>Загрузить первые материалы, не добавляя источник</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feeds on the page:</source>
        <translation>Ленты на странице:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page links to several feeds: pick the one to add</source>
        <translation>На странице несколько лент: выберите, какую добавить</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the source&apos;s own title</source>
        <translation>собственное название источника</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of the embassy&apos;s own accounts (collect replies to its posts)</source>
        <translation>Собственный аккаунт посольства (собирать ответы на его публикации)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Title:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;every:</source>
        <translation>Интервал &amp;обновления:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Recognise automatically — {0}</source>
        <translation>Определить автоматически — {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognise automatically</source>
        <translation>Определить автоматически</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Looking up {0}…</source>
        <translation>Поиск {0}…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>{0}: {1} — the latest %n item(s):</source>
        <translation>
            <numerusform>{0}: {1} — последний %n материал:</numerusform>
            <numerusform>{0}: {1} — последние %n материала:</numerusform>
            <numerusform>{0}: {1} — последние %n материалов:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1} — no items to show yet.</source>
        <translation>{0}: {1} — материалов пока нет.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Adding {0}…</source>
        <translation>Добавление {0}…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Paste an address, then Preview to see its latest items before adding it. A web page is searched for its feeds.</source>
        <translation>Вставьте адрес и нажмите «Предпросмотр», чтобы увидеть последние материалы до добавления. На веб-странице будет выполнен поиск лент.</translation>
    </message>
</context>
<context>
    <name>AgendaCard</name>
    <message>
        <location filename="../../ui/dashboard/agenda.py" line="+117"/>
        <source>Next 14 days</source>
        <translation>Ближайшие 14 дней</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Next %n day(s)</source>
        <translation>
            <numerusform>Ближайший %n день</numerusform>
            <numerusform>Ближайшие %n дня</numerusform>
            <numerusform>Ближайшие %n дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Nothing planned and no observances in the next %n day(s).
Plan posts in the Calendar; observance packs (UN days, US and host-country holidays, programme deadlines) show here when they are switched on.</source>
        <translation>
            <numerusform>Ни публикаций, ни памятных дат на ближайший %n день.
Планируйте публикации в «Календаре»; наборы памятных дат (дни ООН, праздники США и страны пребывания, сроки программ) появятся здесь, когда они включены.</numerusform>
            <numerusform>Ни публикаций, ни памятных дат на ближайшие %n дня.
Планируйте публикации в «Календаре»; наборы памятных дат (дни ООН, праздники США и страны пребывания, сроки программ) появятся здесь, когда они включены.</numerusform>
            <numerusform>Ни публикаций, ни памятных дат на ближайшие %n дней.
Планируйте публикации в «Календаре»; наборы памятных дат (дни ООН, праздники США и страны пребывания, сроки программ) появятся здесь, когда они включены.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AllDayStrip</name>
    <message>
        <location filename="../../ui/calendar/week_view.py" line="+44"/>
        <source>all day</source>
        <translation>весь день</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>+{0} more</source>
        <translation>ещё {0}</translation>
    </message>
</context>
<context>
    <name>AnalyzersNote</name>
    <message>
        <location filename="../../ui/listen_analyzers.py" line="+59"/>
        <source>Analyzers</source>
        <translation>Анализаторы</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Analysed:</source>
        <translation>Анализируются:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>read them and press 1/2/3; after enough of your labels Attaché learns the language</source>
        <translation>прочитайте их и нажмите 1/2/3; набрав достаточно ваших оценок, Attaché научится этому языку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not analysed:</source>
        <translation>Не анализируются:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>learned from your {0} labels, {1} ({2} before)</source>
        <translation>обучен на ваших {0} оценках, {1} (до обучения {2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}, positive/negative only, {1}</source>
        <translation>{0}, только позитив/негатив, {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not counted in Needs attention</source>
        <translation>не учитывается в «Требует внимания»</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>rules</source>
        <translation>правила</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lexicon</source>
        <translation>словарь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trained model</source>
        <translation>обученная модель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned from your labels</source>
        <translation>обучен на ваших оценках</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IT&apos;s own model</source>
        <translation>модель ИТ-службы</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Labelled by {0}.</source>
        <translation>Оценка: {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1}, cross-validated {2} on your {3} labels ({4} before learning).</source>
        <translation>{0}: {1}, перекрёстная проверка {2} на ваших {3} оценках (до обучения {4}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: {1} ({2}), quality not measured.</source>
        <translation>{0}: {1} ({2}), качество не измерено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} ({2}), macro-F1 {3} on {4}.</source>
        <translation>{0}: {1} ({2}), macro-F1 {3} на наборе {4}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It tells positive from negative ({0}) but not neutral.</source>
        <translation>Отличает позитив от негатива ({0}), но не нейтральные ответы.</translation>
    </message>
</context>
<context>
    <name>AnswerBox</name>
    <message>
        <location filename="../../desktop/page_listen.py" line="+48"/>
        <source>This is the embassy&apos;s own answer.</source>
        <translation>Это собственный ответ посольства.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answering on {0} is not possible from Attaché (it answers on {1}).</source>
        <translation>Отвечать в {0} из Attaché нельзя (он отвечает в {1}).</translation>
    </message>
    <message>
        <location filename="../../ui/answer_box.py" line="+58"/>
        <location line="+48"/>
        <source>Answer publicly, as the embassy</source>
        <translation>Ответить публично от имени посольства</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+42"/>
        <source>Write the embassy&apos;s answer…</source>
        <translation>Напишите ответ посольства…</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Send answer</source>
        <translation>Отправить ответ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Enter in the text sends it too</source>
        <translation>Ctrl+Enter в поле текста тоже отправляет</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose a reply above to answer it</source>
        <translation>Выберите отклик выше, чтобы ответить на него</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Answer publicly on {0}, as the embassy</source>
        <translation>Ответить публично в {0} от имени посольства</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Already answered by {0}.</source>
        <translation>Уже ответил(а): {0}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already answered on {0}, outside Attaché.</source>
        <translation>Уже отвечено в {0}, не из Attaché.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sending an answer</source>
        <translation>Отправка ответа</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Answer published.</source>
        <translation>Ответ опубликован.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This answer was already published.</source>
        <translation>Этот ответ уже опубликован.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open it</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The platform did not say whether the answer arrived: check the thread before sending it again. {0}</source>
        <translation>Платформа не сообщила, дошёл ли ответ: проверьте обсуждение, прежде чем отправлять его снова. {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Not sent: {0}</source>
        <translation>Не отправлено: {0}</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <location filename="../../ui/calendar/moves.py" line="+34"/>
        <source>Move “{0}”</source>
        <translation>Перенос «{0}»</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/palette.py" line="+76"/>
        <source>idea</source>
        <translation>идея</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in review</source>
        <translation>на согласовании</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>утверждено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scheduled</source>
        <translation>запланировано</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/chips.py" line="+100"/>
        <location filename="../../ui/calendar/palette.py" line="+1"/>
        <source>published</source>
        <translation>опубликовано</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/palette.py" line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UN day</source>
        <translation>день ООН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>US holiday</source>
        <translation>праздник США</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>host-country holiday</source>
        <translation>праздник страны пребывания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>programme deadline</source>
        <translation>срок программы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your observance</source>
        <translation>ваша памятная дата</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>≈&amp;nbsp;estimated&amp;nbsp;date &amp;nbsp; ⚑&amp;nbsp;start&amp;nbsp;preparing &amp;nbsp; ⚠&amp;nbsp;plan&amp;nbsp;warning</source>
        <translation>≈&amp;nbsp;примерная&amp;nbsp;дата &amp;nbsp; ⚑&amp;nbsp;начать&amp;nbsp;подготовку &amp;nbsp; ⚠&amp;nbsp;замечание&amp;nbsp;к&amp;nbsp;плану</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Posts:</source>
        <translation>Публикации:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days:</source>
        <translation>Даты:</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/agenda_model.py" line="+110"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Каналы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Кампания</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+1"/>
        <source>all day</source>
        <translation>весь день</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Post ↻</source>
        <translation>Публикация ↻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prepare</source>
        <translation>Подготовка</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>For {0} ({1})</source>
        <translation>К дате «{0}» ({1})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>date estimated</source>
        <translation>дата приблизительная</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{0} before {1}</source>
        <translation>за {0} до «{1}»</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/chips.py" line="-25"/>
        <source>Status: {0}</source>
        <translation>Статус: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When: {0}</source>
        <translation>Когда: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}, all day</source>
        <translation>{0}, весь день</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration: {0} min</source>
        <translation>Длительность: {0} мин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Campaign: {0}</source>
        <translation>Кампания: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;i&gt;Repeats: change its dates in the editor&lt;/i&gt;</source>
        <translation>&lt;i&gt;Повторяется: даты меняются в редакторе&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;i&gt;Drag to move · double-click to edit&lt;/i&gt;</source>
        <translation>&lt;i&gt;Перетащите, чтобы перенести · дважды щёлкните, чтобы изменить&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>not published yet, tried again later</source>
        <translation>пока не опубликовано, будет повторено позже</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may be published: check the channel, then say so in the post&apos;s editor</source>
        <translation>возможно, опубликовано: проверьте канал и отметьте это в редакторе публикации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>being sent</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missed its time: “Send now” in the post&apos;s editor sends it</source>
        <translation>время прошло: отправить можно кнопкой «Отправить сейчас» в редакторе публикации</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0} – {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>≈ The date is an estimate: confirm it before publishing</source>
        <translation>≈ Дата приблизительная: уточните её перед публикацией</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prepare by {0}</source>
        <translation>Подготовить до {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;i&gt;Double-click to plan a post&lt;/i&gt;</source>
        <translation>&lt;i&gt;Дважды щёлкните, чтобы запланировать публикацию&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start preparing: {0} is on {1} ({2} lead time)</source>
        <translation>Начните подготовку: «{0}» — {1} (на подготовку {2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚑ Prepare: {0}</source>
        <translation>⚑ Подготовка: {0}</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <location filename="../../ui/settings_tabs/calendar.py" line="+14"/>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host countries</source>
        <translation>Страны пребывания</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Their public holidays and programme deadlines are shown.</source>
        <translation>Показываются их государственные праздники и сроки программ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Observances shown in the calendar</source>
        <translation>Памятные даты в календаре</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn when two posts on one channel are closer than:</source>
        <translation>Предупреждать, если две публикации в одном канале ближе, чем:</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../ui/calendar/view.py" line="+116"/>
        <source>T&amp;oday</source>
        <translation>Се&amp;годня</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Go to today</source>
        <translation>Перейти к сегодняшнему дню</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous (Page Up in the month)</source>
        <translation>Назад (Page Up в режиме месяца)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next (Page Down in the month)</source>
        <translation>Вперёд (Page Down в режиме месяца)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>Вперёд</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Month</source>
        <translation>&amp;Месяц</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Week</source>
        <translation>Неде&amp;ля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Agenda</source>
        <translation>&amp;Расписание</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;New post…</source>
        <translation>&amp;Новая публикация…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan a post on the selected day (Ctrl+N)</source>
        <translation>Запланировать публикацию на выбранный день (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>Nothing planned in {0}.
Press Ctrl+N to plan a post, or pick an observance on the right.</source>
        <translation>На период «{0}» ничего не запланировано.
Нажмите Ctrl+N, чтобы запланировать публикацию, или выберите памятную дату справа.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No posts planned here yet — double-click a day or press Ctrl+N</source>
        <translation>Публикаций пока нет — дважды щёлкните день или нажмите Ctrl+N</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n публикация</numerusform>
            <numerusform>%n публикации</numerusform>
            <numerusform>%n публикаций</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n observance(s)</source>
        <translation>
            <numerusform>%n памятная дата</numerusform>
            <numerusform>%n памятные даты</numerusform>
            <numerusform>%n памятных дат</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times are shown in {0}</source>
        <translation>Время указано в поясе {0}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>“{0}” repeats: change its dates in the post editor</source>
        <translation>«{0}» повторяется: измените даты в редакторе публикации</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Moved “{0}” to {1} — Ctrl+Z puts it back</source>
        <translation>«{0}» перенесено на {1} — Ctrl+Z вернёт обратно</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Someone else changed this post after the calendar showed it, so it was not moved. The calendar now shows the latest version; move it again if you still want to.</source>
        <translation>Публикацию изменил другой пользователь после того, как календарь её показал, поэтому она не перенесена. Теперь в календаре последняя версия; при необходимости перенесите её ещё раз.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The post could not be moved.</source>
        <translation>Не удалось перенести публикацию.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post not moved</source>
        <translation>Публикация не перенесена</translation>
    </message>
    <message>
        <location filename="../../desktop/page_calendar.py" line="+255"/>
        <source>Plan a post on the selected day ({0})</source>
        <translation>Запланировать публикацию на выбранный день ({0})</translation>
    </message>
</context>
<context>
    <name>ChannelPicker</name>
    <message>
        <location filename="../../ui/post_editor/channels.py" line="+34"/>
        <source>No accounts of the embassy yet: add them on the Sources page and mark them as own accounts; they then appear here as channels.</source>
        <translation>Аккаунтов посольства пока нет: добавьте их на странице «Источники» и отметьте как собственные — тогда они появятся здесь как каналы.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Source {0}</source>
        <translation>Источник {0}</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/counts.py" line="+21"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln материал</numerusform>
            <numerusform>%Ln материала</numerusform>
            <numerusform>%Ln материалов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln new item(s)</source>
        <translation>
            <numerusform>%Ln новый материал</numerusform>
            <numerusform>%Ln новых материала</numerusform>
            <numerusform>%Ln новых материалов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln reply(ies)</source>
        <translation>
            <numerusform>%Ln ответ</numerusform>
            <numerusform>%Ln ответа</numerusform>
            <numerusform>%Ln ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln new reply(ies)</source>
        <translation>
            <numerusform>%Ln новый ответ</numerusform>
            <numerusform>%Ln новых ответа</numerusform>
            <numerusform>%Ln новых ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln источник</numerusform>
            <numerusform>%Ln источника</numerusform>
            <numerusform>%Ln источников</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln post(s)</source>
        <translation>
            <numerusform>%Ln публикация</numerusform>
            <numerusform>%Ln публикации</numerusform>
            <numerusform>%Ln публикаций</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln channel(s)</source>
        <translation>
            <numerusform>%Ln канале</numerusform>
            <numerusform>%Ln каналах</numerusform>
            <numerusform>%Ln каналах</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln observance day(s)</source>
        <translation>
            <numerusform>%Ln памятная дата</numerusform>
            <numerusform>%Ln памятные даты</numerusform>
            <numerusform>%Ln памятных дат</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln analysed reply(ies)</source>
        <translation>
            <numerusform>%Ln проанализированный ответ</numerusform>
            <numerusform>%Ln проанализированных ответа</numerusform>
            <numerusform>%Ln проанализированных ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln invalid address(es)</source>
        <translation>
            <numerusform>%Ln неверный адрес</numerusform>
            <numerusform>%Ln неверных адреса</numerusform>
            <numerusform>%Ln неверных адресов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln story(ies)</source>
        <translation>
            <numerusform>%Ln материал</numerusform>
            <numerusform>%Ln материала</numerusform>
            <numerusform>%Ln материалов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln группа</numerusform>
            <numerusform>%Ln группы</numerusform>
            <numerusform>%Ln групп</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln ошибка</numerusform>
            <numerusform>%Ln ошибки</numerusform>
            <numerusform>%Ln ошибок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln с ошибкой</numerusform>
            <numerusform>%Ln с ошибкой</numerusform>
            <numerusform>%Ln с ошибкой</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln already there</source>
        <translation>
            <numerusform>%Ln уже был</numerusform>
            <numerusform>%Ln уже были</numerusform>
            <numerusform>%Ln уже были</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln mention(s)</source>
        <translation>
            <numerusform>%Ln упоминание</numerusform>
            <numerusform>%Ln упоминания</numerusform>
            <numerusform>%Ln упоминаний</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln watch-term hit(s)</source>
        <translation>
            <numerusform>%Ln совпадение с ключевыми словами</numerusform>
            <numerusform>%Ln совпадения с ключевыми словами</numerusform>
            <numerusform>%Ln совпадений с ключевыми словами</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n день</numerusform>
            <numerusform>%n дня</numerusform>
            <numerusform>%n дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n неделю</numerusform>
            <numerusform>%n недели</numerusform>
            <numerusform>%n недель</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n день назад</numerusform>
            <numerusform>%n дня назад</numerusform>
            <numerusform>%n дней назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n starter source(s)</source>
        <translation>
            <numerusform>%n стартовый источник</numerusform>
            <numerusform>%n стартовых источника</numerusform>
            <numerusform>%n стартовых источников</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/dashboard/text.py" line="+16"/>
        <location line="+1"/>
        <source>Feed</source>
        <translation>Лента</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idea</source>
        <translation>идея</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>review</source>
        <translation>на согласовании</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>утверждено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scheduled</source>
        <translation>запланировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>опубликовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{0} min</source>
        <translation>{0} мин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} h</source>
        <translation>{0} ч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} d</source>
        <translation>{0} дн.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/health.py" line="+32"/>
        <location filename="../../ui/dashboard/text.py" line="-24"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/text.py" line="+2"/>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yesterday</source>
        <translation>вчера</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/agenda.py" line="-85"/>
        <source>to {0}</source>
        <translation>по {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planned post · {0}</source>
        <translation>Запланированная публикация · {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On: {0}</source>
        <translation>Каналы: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Campaign: {0}</source>
        <translation>Кампания: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Observance ({0})</source>
        <translation>Памятная дата ({0})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The date is estimated; confirm it before publishing.</source>
        <translation>Дата приблизительная; уточните её перед публикацией.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After this period; listed because preparation is due.</source>
        <translation>За пределами периода; показано, потому что пора начинать подготовку.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>planned ✓</source>
        <translation>запланировано ✓</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>prepare by {0}</source>
        <translation>подготовить до {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status of the planned post</source>
        <translation>Статус запланированной публикации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preparation should have started {0} before ({1}).</source>
        <translation>Подготовку надо было начать за {0} ({1}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lead time {0}: start preparing by {1}.</source>
        <translation>На подготовку {0}: начните до {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A planned post is linked to this observance.</source>
        <translation>К этой памятной дате привязана запланированная публикация.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/health.py" line="-7"/>
        <source>(no error text)</source>
        <translation>(текст ошибки отсутствует)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>Отключён</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures</source>
        <translation>Сбои</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gone</source>
        <translation>удалён</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed fetches in a row</source>
        <translation>Неудачных загрузок подряд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last item</source>
        <translation>Посл. материал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the source last brought a new item</source>
        <translation>Когда от источника в последний раз пришёл новый материал</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/accounts.py" line="-75"/>
        <source>present</source>
        <translation>присутствие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>up to date</source>
        <translation>актуальность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>engaging</source>
        <translation>вовлечённость</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Presence → up to date (posted in the last 7 days) → engaging (up to date, and at least 1 reply per post on average)</source>
        <translation>Присутствие → актуальность (публикации за последние 7 дней) → вовлечённость (актуальность и в среднем не меньше 1 ответа на публикацию)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform</source>
        <translation>Платформа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last post</source>
        <translation>Последняя публикация</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Posts/week</source>
        <translation>Публ./нед.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} in the last {1}</source>
        <translation>{0} за последние {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} to those posts</source>
        <translation>{0} на эти публикации</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} negative out of {1}; replies in languages without an analyzer are not counted</source>
        <translation>негативных: {0}, всего {1}; ответы на языках, для которых нет анализатора, не учитываются</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Replies/post</source>
        <translation>Отв./публ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Negative</source>
        <translation>Негативные</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Answered</source>
        <translation>Отвечено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered from Attaché: {0} of {1}</source>
        <translation>Отвечено из Attaché: {0} из {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time to answer</source>
        <translation>Время ответа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median time from a reply to the embassy&apos;s answer</source>
        <translation>Медианное время от ответа читателя до ответа посольства</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/dashboard/view.py" line="+87"/>
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recount everything now</source>
        <translation>Пересчитать всё сейчас</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+3"/>
        <source>Counting…</source>
        <translation>Подсчёт…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not update: {0}</source>
        <translation>Не удалось обновить: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Updated {0}</source>
        <translation>Обновлено в {0}</translation>
    </message>
</context>
<context>
    <name>DatabaseTab</name>
    <message>
        <location filename="../../ui/settings_tabs/database.py" line="+60"/>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+7"/>
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
        <location line="+12"/>
        <source>A change of database takes effect after you restart Attaché. Nothing is copied between databases.</source>
        <translation>Смена базы данных вступит в силу после перезапуска Attaché. Данные между базами не копируются.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A server password is kept in the system keyring, not in the settings file.</source>
        <translation>Пароль сервера хранится в системном хранилище паролей, а не в файле настроек.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Открыть папку</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose the SQLite file, or pick another option.</source>
        <translation>Выберите файл SQLite или другой вариант.</translation>
    </message>
    <message>
        <location line="+27"/>
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
</context>
<context>
    <name>DurationRow</name>
    <message>
        <location filename="../../ui/post_editor/timing.py" line="+140"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long it runs (a live session, an event); none for a post that simply goes out</source>
        <translation>Сколько длится (прямой эфир, мероприятие); для обычной публикации — нет</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>ends {0}</source>
        <translation>до {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all-day posts have no duration</source>
        <translation>у публикации на весь день нет длительности</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/calendar_io.py" line="+210"/>
        <source>Export Calendar</source>
        <translation>Экспорт календаря</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All campaigns</source>
        <translation>Все кампании</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All channels</source>
        <translation>Все каналы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include observance days (with their “prepare by” reminders in .ics)</source>
        <translation>Включить памятные даты (с напоминаниями о подготовке в .ics)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;From – to:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only:</source>
        <translation>Только:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;ormat:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ile:</source>
        <translation>Ф&amp;айл:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Choose a file to export to (Browse…).</source>
        <translation>Выберите файл для экспорта («Обзор…»).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The range ends before it starts.</source>
        <translation>Конец периода раньше его начала.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is a folder; give a file name.</source>
        <translation>{0} — это папка; укажите имя файла.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported {0} and {1} to {2}</source>
        <translation>Экспортировано в {2}: {0} и {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not export to {0}: {1}</source>
        <translation>Не удалось экспортировать в {0}: {1}</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Calendar files ({0})</source>
        <translation>Файлы календаря ({0})</translation>
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
        <source>Host countries (their public holidays and programme deadlines)</source>
        <translation>Страны пребывания (их праздники и сроки программ)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Observances in the calendar</source>
        <translation>Памятные даты в календаре</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
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
        <location line="+31"/>
        <source>Choose a time zone, e.g. Asia/Tashkent.</source>
        <translation>Выберите часовой пояс, например Asia/Tashkent.</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../ui/settings_tabs/general.py" line="+19"/>
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
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location line="+2"/>
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
</context>
<context>
    <name>HealthCard</name>
    <message>
        <location filename="../../ui/dashboard/health.py" line="+18"/>
        <source>Failing sources, worst first</source>
        <translation>Источники с ошибками (сначала худшие)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every source fetched fine the last time it was due.</source>
        <translation>Все источники успешно загружены при последней проверке.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Source health</source>
        <translation>Состояние источников</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sources yet — add feeds and social accounts in Sources.</source>
        <translation>Источников пока нет — добавьте ленты и аккаунты соцсетей на странице «Источники».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>working</source>
        <translation>работают</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failing</source>
        <translation>с ошибками</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gone</source>
        <translation>недоступны</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not fetched yet</source>
        <translation>ещё не загружались</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} disabled</source>
        <translation>отключено: {0}</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../desktop/help.py" line="+53"/>
        <source>Next / previous item or reply (Monitor, Listen)</source>
        <translation>Следующий / предыдущий материал или ответ (Мониторинг, Отклики)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the item read or unread (Monitor)</source>
        <translation>Отметить материал прочитанным или непрочитанным (Мониторинг)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Star or unstar the item (Monitor)</source>
        <translation>Отметить материал звёздочкой или снять её (Мониторинг)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label the selected replies positive / neutral / negative (Listen)</source>
        <translation>Отметить выбранные ответы как позитивные / нейтральные / негативные (Отклики)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the selected replies back to the analyzer (Listen)</source>
        <translation>Вернуть выбранные ответы анализатору (Отклики)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search box</source>
        <translation>Очистить поле поиска</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the post and keep editing (post editor)</source>
        <translation>Сохранить публикацию и продолжить правку (редактор публикации)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the answer (Listen, in the Answer box)</source>
        <translation>Отправить ответ (Отклики, в поле ответа)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected source (Sources)</source>
        <translation>Удалить выбранный источник (Источники)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>About Attaché</source>
        <translation>О программе Attaché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Attaché {0}&lt;/h3&gt;&lt;p&gt;Monitor, plan and listen: a workbench for embassy press officers.&lt;/p&gt;&lt;p&gt;Data folder: {1}&lt;br&gt;Database: {2}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Attaché {0}&lt;/h3&gt;&lt;p&gt;Мониторинг, планирование и отклики: рабочее место пресс-службы посольства.&lt;/p&gt;&lt;p&gt;Папка данных: {1}&lt;br&gt;База данных: {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Keyboard Shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What they do</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Copied the version and the end of the log: paste them into a message to IT</source>
        <translation>Версия и конец журнала скопированы: вставьте их в письмо в ИТ-отдел</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About Attaché</source>
        <translation>&amp;О программе Attaché</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Log Folder</source>
        <translation>Открыть папку &amp;журналов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Data Folder</source>
        <translation>Открыть папку &amp;данных</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Report a Problem…</source>
        <translation>Сообщить о &amp;проблеме…</translation>
    </message>
</context>
<context>
    <name>ImagesField</name>
    <message>
        <location filename="../../ui/post_editor/images.py" line="+56"/>
        <source>Add &amp;image…</source>
        <translation>Добавить &amp;изображение…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Alt text: what the image shows, for people who cannot see it</source>
        <translation>Альтернативный текст: что на изображении — для тех, кто его не видит</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alt text of {0}</source>
        <translation>Альтернативный текст для {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take {0} out of the post</source>
        <translation>Убрать {0} из публикации</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Four images at most, the most every platform takes in one post.</source>
        <translation>Не больше четырёх изображений — столько принимает в одной публикации любая платформа.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to four JPEG, PNG, GIF or WebP images; each needs alt text, a description for people who cannot see it.</source>
        <translation>До четырёх изображений JPEG, PNG, GIF или WebP; к каждому нужен альтернативный текст — описание для тех, кто его не видит.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Up to four JPEG, PNG, GIF or WebP images; give each alt text, a description for people who cannot see it, where you can.</source>
        <translation>До четырёх изображений JPEG, PNG, GIF или WebP; по возможности дайте каждому альтернативный текст — описание для тех, кто его не видит.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add images</source>
        <translation>Добавить изображения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images ({0})</source>
        <translation>Изображения ({0})</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/calendar_io.py" line="+119"/>
        <source>Import Calendar</source>
        <translation>Импорт календаря</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An .ics, .csv or .xlsx file — e.g. an export edited in Excel</source>
        <translation>Файл .ics, .csv или .xlsx — например, экспорт, отредактированный в Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a file, then Check it: nothing is written until you press Import, and a file with problems is not imported at all.</source>
        <translation>Выберите файл и нажмите «Проверить»: ничего не записывается, пока вы не нажмёте «Импортировать», а файл с ошибками не импортируется вовсе.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Line</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Check</source>
        <translation>&amp;Проверить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>F&amp;ile:</source>
        <translation>Ф&amp;айл:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Checking {0}…</source>
        <translation>Проверка {0}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing {0}…</source>
        <translation>Импорт {0}…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose an .ics, .csv or .xlsx file to import (Browse…).</source>
        <translation>Выберите файл .ics, .csv или .xlsx для импорта («Обзор…»).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no file {0}.</source>
        <translation>Файл {0} не найден.</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n problem(s) in the file; nothing was imported. Fix them and check again (lines are the rows Excel shows).</source>
        <translation>
            <numerusform>%n проблема в файле; ничего не импортировано. Исправьте её и проверьте снова (номера строк соответствуют строкам в Excel).</numerusform>
            <numerusform>%n проблемы в файле; ничего не импортировано. Исправьте их и проверьте снова (номера строк соответствуют строкам в Excel).</numerusform>
            <numerusform>%n проблем в файле; ничего не импортировано. Исправьте их и проверьте снова (номера строк соответствуют строкам в Excel).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n changed</source>
        <translation>
            <numerusform>%n изменена</numerusform>
            <numerusform>%n изменены</numerusform>
            <numerusform>%n изменены</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n new</source>
        <translation>
            <numerusform>%n новая</numerusform>
            <numerusform>%n новые</numerusform>
            <numerusform>%n новых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n без изменений</numerusform>
            <numerusform>%n без изменений</numerusform>
            <numerusform>%n без изменений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n observance(s) added</source>
        <translation>
            <numerusform>добавлена %n памятная дата</numerusform>
            <numerusform>добавлены %n памятные даты</numerusform>
            <numerusform>добавлено %n памятных дат</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>title</source>
        <translation>название</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>дата</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>time</source>
        <translation>время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>end time</source>
        <translation>время окончания</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>all day</source>
        <translation>весь день</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time zone</source>
        <translation>часовой пояс</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>campaign</source>
        <translation>кампания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channels</source>
        <translation>каналы</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>observance</source>
        <translation>памятная дата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>owner</source>
        <translation>ответственный</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>notes</source>
        <translation>заметки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>repeat</source>
        <translation>повторение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>skipped occurrences</source>
        <translation>отменённые повторения</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Imported: {0}.</source>
        <translation>Импортировано: {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is fine. Import will make: {0}. Nothing has been written yet.</source>
        <translation>Файл в порядке. Результат импорта: {0}. Пока ничего не записано.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n event(s) of the file cannot be planned and are left out (listed below, by line).</source>
        <translation>
            <numerusform>%n событие файла нельзя запланировать, оно пропущено (см. ниже, по строкам).</numerusform>
            <numerusform>%n события файла нельзя запланировать, они пропущены (см. ниже, по строкам).</numerusform>
            <numerusform>%n событий файла нельзя запланировать, они пропущены (см. ниже, по строкам).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: {0}</source>
        <translation>Примечание: {0}</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Calendar files ({0});;All files (*)</source>
        <translation>Файлы календаря ({0});;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>ItemFilters</name>
    <message>
        <location filename="../../ui/monitor/filters.py" line="+18"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>Произвольный период…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search titles and text (Ctrl+F) — Cyrillic and O‘zbek work too</source>
        <translation>Поиск по заголовкам и тексту (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unread</source>
        <translation>Непрочитанные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only items not read yet</source>
        <translation>Только непрочитанные материалы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starred</source>
        <translation>Избранное</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only starred items (S stars the current item)</source>
        <translation>Только избранные материалы (S — добавить текущий в избранное)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only items that mention a watch term</source>
        <translation>Только материалы с отслеживаемыми словами</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Any watch term</source>
        <translation>Любое отслеживаемое слово</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>From (inclusive)</source>
        <translation>С (включительно)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (inclusive)</source>
        <translation>По (включительно)</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>{0} (%n item(s))</source>
        <translation>
            <numerusform>{0} (%n материал)</numerusform>
            <numerusform>{0} (%n материала)</numerusform>
            <numerusform>{0} (%n материалов)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n item(s) in all sources mention it</source>
        <translation>
            <numerusform>Упоминается в %n материале всех источников</numerusform>
            <numerusform>Упоминается в %n материалах всех источников</numerusform>
            <numerusform>Упоминается в %n материалах всех источников</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n reply(ies) too (see Listen)</source>
        <translation>
            <numerusform>а также в %n ответе (см. «Отклики»)</numerusform>
            <numerusform>а также в %n ответах (см. «Отклики»)</numerusform>
            <numerusform>а также в %n ответах (см. «Отклики»)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemsTable</name>
    <message>
        <location filename="../../ui/models/items_table.py" line="+34"/>
        <location line="+5"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starred (S); ▤ in the media summary (D)</source>
        <translation>Избранное (S); ▤ — в медиасводке (D)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Published (local time)</source>
        <translation>Опубликовано (местное время)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>In the media summary</source>
        <translation>В медиасводке</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(no title)</source>
        <translation>(без заголовка)</translation>
    </message>
</context>
<context>
    <name>LengthCounters</name>
    <message numerus="yes">
        <location filename="../../ui/post_editor/lengths.py" line="+31"/>
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln символ</numerusform>
            <numerusform>%Ln символа</numerusform>
            <numerusform>%Ln символов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{0} %Ln character(s)</source>
        <translation>
            <numerusform>{0}: %Ln симв.</numerusform>
            <numerusform>{0}: %Ln симв.</numerusform>
            <numerusform>{0}: %Ln симв.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln character(s) too long for {0}</source>
        <translation>
            <numerusform>На %Ln символ длиннее допустимого для {0}</numerusform>
            <numerusform>На %Ln символа длиннее допустимого для {0}</numerusform>
            <numerusform>На %Ln символов длиннее допустимого для {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Listen</name>
    <message>
        <location filename="../../ui/models/replies_table.py" line="+68"/>
        <source>positive</source>
        <translation>позитивно</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>neutral</source>
        <translation>нейтрально</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative</source>
        <translation>негативно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not analysed</source>
        <translation>не проанализировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>not scored yet</source>
        <translation>ещё не оценено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>English</source>
        <translation>английский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Russian</source>
        <translation>русский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uzbek</source>
        <translation>узбекский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kazakh</source>
        <translation>казахский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kyrgyz</source>
        <translation>киргизский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tajik</source>
        <translation>таджикский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkmen</source>
        <translation>туркменский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ukrainian</source>
        <translation>украинский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Azerbaijani</source>
        <translation>азербайджанский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Persian</source>
        <translation>персидский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pashto</source>
        <translation>пушту</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turkish</source>
        <translation>турецкий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>китайский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Korean</source>
        <translation>корейский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Japanese</source>
        <translation>японский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Arabic</source>
        <translation>арабский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>German</source>
        <translation>немецкий</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>French</source>
        <translation>французский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>испанский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Italian</source>
        <translation>итальянский</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hindi</source>
        <translation>хинди</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Urdu</source>
        <translation>урду</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not analysed: language not supported</source>
        <translation>Не проанализировано: язык не поддерживается</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sentiment</source>
        <translation>Тональность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polarity</source>
        <translation>Полярность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Positive, neutral or negative; “not analysed” when no analyzer reads the language. ✎ = labelled by hand. Keys 1/2/3 set it, 0 gives it back to the analyzer.</source>
        <translation>Позитивная, нейтральная или негативная; «не проанализировано», если язык не поддерживается анализатором. ✎ — оценено вручную. Клавиши 1/2/3 задают оценку, 0 возвращает её анализатору.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The analyzer&apos;s score, from −1 (negative) to +1 (positive)</source>
        <translation>Оценка анализатора от −1 (негативно) до +1 (позитивно)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the reply was written (local time)</source>
        <translation>Когда написан ответ (местное время)</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Counted as its own category, never as neutral. Press 1, 2 or 3 to label it by hand.</source>
        <translation>Учитывается отдельно и никогда не считается нейтральным. Нажмите 1, 2 или 3, чтобы оценить вручную.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not scored yet: the analyzer has not read this reply.</source>
        <translation>Ещё не оценено: анализатор пока не обработал этот ответ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labelled by hand. Press 0 to give it back to the analyzer.</source>
        <translation>Оценено вручную. Нажмите 0, чтобы вернуть оценку анализатору.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labelled by the analyzer. Press 1, 2 or 3 to correct it.</source>
        <translation>Оценено анализатором. Нажмите 1, 2 или 3, чтобы исправить.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language could not be told (emoji, numbers)</source>
        <translation>Язык не удалось определить (эмодзи, цифры)</translation>
    </message>
    <message>
        <location filename="../../ui/sentiment_chart.py" line="+42"/>
        <source>Positive</source>
        <translation>Позитивные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neutral</source>
        <translation>Нейтральные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>Негативные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not analysed</source>
        <translation>Без анализа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not scored yet</source>
        <translation>Ещё не оценены</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>No replies</source>
        <translation>Нет ответов</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Week {0}: {1} – {2}</source>
        <translation>Неделя {0}: {1} – {2}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>(untitled post)</source>
        <translation>(публикация без названия)</translation>
    </message>
    <message>
        <location filename="../../desktop/learning.py" line="+82"/>
        <location line="+33"/>
        <source>Learning from your labels</source>
        <translation>Обучение на ваших оценках</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0} from your {1} labels: {2} ({3} before)</source>
        <translation>{0} по вашим {1} оценкам: {2} (до обучения {3})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not used yet: below the quality threshold</source>
        <translation>пока не используется: ниже порога качества</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not used: the analyzer that ships does better</source>
        <translation>не используется: встроенный анализатор точнее</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learned {0}</source>
        <translation>Обучено: {0}</translation>
    </message>
</context>
<context>
    <name>ListenView</name>
    <message>
        <location filename="../../ui/listen.py" line="+215"/>
        <source>Analyse them now</source>
        <translation>Проанализировать сейчас</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Search replies and authors</source>
        <translation>Поиск по ответам и авторам</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All sentiments</source>
        <translation>Любая тональность</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+669"/>
        <source>Positive</source>
        <translation>Позитивные</translation>
    </message>
    <message>
        <location line="-668"/>
        <location line="+669"/>
        <source>Neutral</source>
        <translation>Нейтральные</translation>
    </message>
    <message>
        <location line="-669"/>
        <location line="+670"/>
        <source>Negative</source>
        <translation>Негативные</translation>
    </message>
    <message>
        <location line="-669"/>
        <source>Not analysed (language not supported)</source>
        <translation>Не проанализированы (язык не поддерживается)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not scored yet</source>
        <translation>Ещё не оценены</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not analysed only</source>
        <translation>Только непроанализированные</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only replies to the posts of one of your own accounts</source>
        <translation>Только ответы на публикации одного из ваших аккаунтов</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 90 days</source>
        <translation>Последние 90 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between dates…</source>
        <translation>Между датами…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Account:</source>
        <translation>Аккаунт:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Post:</source>
        <translation>Публикация:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Campaign:</source>
        <translation>Кампания:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When:</source>
        <translation>Когда:</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No replies match “{0}” — &lt;a href=&apos;{1}&apos;&gt;clear the search&lt;/a&gt;</source>
        <translation>Нет ответов по запросу «{0}» — &lt;a href=&apos;{1}&apos;&gt;очистить поиск&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Correct a label: select replies and press 1 positive · 2 neutral · 3 negative · 0 back to the analyzer (or right-click). Ctrl+Z undoes.</source>
        <translation>Исправить оценку: выделите ответы и нажмите 1 — позитивная · 2 — нейтральная · 3 — негативная · 0 — вернуть анализатору (или щёлкните правой кнопкой). Ctrl+Z — отмена.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Per day</source>
        <translation>По дням</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per week</source>
        <translation>По неделям</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Over time</source>
        <translation>Динамика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By post</source>
        <translation>По публикациям</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No post needs attention: none has an unusually high share of negative replies.</source>
        <translation>Публикаций, требующих внимания, нет: ни у одной нет необычно высокой доли негативных ответов.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Needs attention&lt;/b&gt; — click a post to see its replies</source>
        <translation>&lt;b&gt;Требует внимания&lt;/b&gt; — щёлкните публикацию, чтобы увидеть ответы</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;h3&gt;No replies yet&lt;/h3&gt;&lt;p&gt;Listen shows how people react to the embassy&apos;s own posts: every reply, positive, neutral or negative, and which posts need attention.&lt;/p&gt;&lt;p&gt;Add your own accounts in &lt;b&gt;Sources&lt;/b&gt; (Mastodon, Bluesky, YouTube, Telegram, Facebook, Instagram) as &lt;i&gt;own&lt;/i&gt; accounts, then refresh (F5): replies to posts of the last 30 days are collected.&lt;/p&gt;&lt;p&gt;Or import an X or Meta Business Suite export:&lt;br&gt;&lt;code&gt;attache replies import export.csv --platform x&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ответов пока нет&lt;/h3&gt;&lt;p&gt;В разделе «Отклики» видно, как аудитория реагирует на публикации посольства: все ответы — позитивные, нейтральные и негативные — и публикации, требующие внимания.&lt;/p&gt;&lt;p&gt;Добавьте аккаунты посольства на странице &lt;b&gt;«Источники»&lt;/b&gt; (Mastodon, Bluesky, YouTube, Telegram, Facebook, Instagram) как &lt;i&gt;собственные&lt;/i&gt; и обновите (F5): будут собраны ответы на публикации за последние 30 дней.&lt;/p&gt;&lt;p&gt;Или импортируйте экспорт из X или Meta Business Suite:&lt;br&gt;&lt;code&gt;attache replies import export.csv --platform x&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>All languages</source>
        <translation>Все языки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All accounts</source>
        <translation>Все аккаунты</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All posts</source>
        <translation>Все публикации</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+199"/>
        <source>(untitled post)</source>
        <translation>(публикация без названия)</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>All campaigns</source>
        <translation>Все кампании</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown — emoji, numbers ({0})</source>
        <translation>Не определён — эмодзи, цифры ({0})</translation>
    </message>
    <message>
        <location line="-255"/>
        <location line="+258"/>
        <location line="+170"/>
        <source>not analysed</source>
        <translation>не проанализировано</translation>
    </message>
    <message>
        <location line="-679"/>
        <source>Label reply as {0}</source>
        <translation>Оценка ответа: {0}</translation>
    </message>
    <message>
        <location line="+542"/>
        <source>No replies yet</source>
        <translation>Ответов пока нет</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Sentiment charts</source>
        <translation>Диаграммы тональности</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; &lt;b&gt;{1} not analysed: language not supported&lt;/b&gt;{2}. Shown on their own, never counted as neutral — read them and press 1/2/3 to label them by hand.</source>
        <translation>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; &lt;b&gt;Не проанализировано: {1} — язык не поддерживается&lt;/b&gt;{2}. Показываются отдельно и не считаются нейтральными — прочитайте их и оцените вручную клавишами 1/2/3.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>positive</source>
        <translation>позитивных</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>neutral</source>
        <translation>нейтральных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative</source>
        <translation>негативных</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not scored yet</source>
        <translation>ещё не оценено</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Click to show the replies to this post</source>
        <translation>Щёлкните, чтобы показать ответы на эту публикацию</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>negative share {0} vs the account&apos;s usual {1}</source>
        <translation>доля негативных {0} при обычных для аккаунта {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unusually many negative replies ({0})</source>
        <translation>необычно много негативных ответов ({0})</translation>
    </message>
    <message>
        <location line="-726"/>
        <location line="+763"/>
        <source>automatic</source>
        <translation>автоматически</translation>
    </message>
    <message>
        <location line="-607"/>
        <source>Only replies in languages no analyzer reads (Uzbek, Kyrgyz, Tajik…): read them yourself and label them with 1/2/3</source>
        <translation>Только ответы на языках, которые не читает ни один анализатор (узбекский, киргизский, таджикский…): прочитайте их сами и оцените клавишами 1/2/3</translation>
    </message>
    <message numerus="yes">
        <location line="+460"/>
        <source>%Ln reply(ies) not analysed yet (imported from a file, or the analyzer was changed), counted as “not scored yet”.</source>
        <translation>
            <numerusform>%Ln ответ ещё не проанализирован (импортирован из файла или сменился анализатор) и учитывается как «ещё не оценён».</numerusform>
            <numerusform>%Ln ответа ещё не проанализированы (импортированы из файла или сменился анализатор) и учитываются как «ещё не оценены».</numerusform>
            <numerusform>%Ln ответов ещё не проанализированы (импортированы из файла или сменился анализатор) и учитываются как «ещё не оценены».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <location line="+1"/>
        <location line="+14"/>
        <source>%Ln reply(ies)</source>
        <translation>
            <numerusform>%Ln ответ</numerusform>
            <numerusform>%Ln ответа</numerusform>
            <numerusform>%Ln ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-3"/>
        <source>&lt;b&gt;%Ln&lt;/b&gt; reply(ies)</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; ответ</numerusform>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; ответа</numerusform>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of %Ln reply(ies)</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; из %Ln ответа</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; из %Ln ответов</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; из %Ln ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>{0} negative of %n analysed reply(ies)</source>
        <translation>
            <numerusform>негативных: {0} из %n проанализированного ответа</numerusform>
            <numerusform>негативных: {0} из %n проанализированных ответов</numerusform>
            <numerusform>негативных: {0} из %n проанализированных ответов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>{0} of %n analysed reply(ies) are negative</source>
        <translation>
            <numerusform>{0} из %n проанализированного ответа — негативные</numerusform>
            <numerusform>{0} из %n проанализированных ответов — негативные</numerusform>
            <numerusform>{0} из %n проанализированных ответов — негативные</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Label %n reply(ies) as {0}</source>
        <translation>
            <numerusform>Отметить %n ответ как «{0}»</numerusform>
            <numerusform>Отметить %n ответа как «{0}»</numerusform>
            <numerusform>Отметить %n ответов как «{0}»</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not change the label</source>
        <translation>Не удалось изменить оценку</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not undo the label</source>
        <translation>Не удалось отменить оценку</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Back to the analyzer</source>
        <translation>Вернуть анализатору</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show only replies to this post</source>
        <translation>Показать только ответы на эту публикацию</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open reply in browser</source>
        <translation>Открыть ответ в браузере</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy text</source>
        <translation>Копировать текст</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not analyse the replies</source>
        <translation>Не удалось проанализировать ответы</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Analysing replies</source>
        <translation>Анализ ответов</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+54"/>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add the starter sources (State Dept, UN News, RFE/RL…)</source>
        <translation>Добавить стартовые источники (Госдеп, UN News, RFE/RL…)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Database: {0}</source>
        <translation>База данных: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+7"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Another Attaché is busy writing to the database; retrying…</source>
        <translation>Другой Attaché сейчас записывает в базу данных; повторяем попытку…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No sources yet.
Add one with File → Add source… (or: attache sources add URL)
or start with a curated set of public feeds:</source>
        <translation>Источников пока нет.
Добавьте источник: Файл → Добавить источник… (или: attache sources add URL)
или начните с подобранного набора открытых лент:</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="+64"/>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listen</source>
        <translation>Отклики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Attaché cannot open its database</source>
        <translation>Attaché не может открыть свою базу данных</translation>
    </message>
    <message>
        <location filename="../../desktop/page_calendar.py" line="-89"/>
        <source>Post editor unavailable</source>
        <translation>Редактор публикаций недоступен</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The post editor could not be loaded. Plan posts from the command line meanwhile: attache posts add --title … --at &quot;YYYY-MM-DD HH:MM&quot;</source>
        <translation>Не удалось загрузить редактор публикаций. Пока планируйте публикации из командной строки: attache posts add --title … --at &quot;YYYY-MM-DD HH:MM&quot;</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Updating observance days</source>
        <translation>Обновление памятных дат</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;New post…</source>
        <translation>&amp;Новая публикация…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export calendar…</source>
        <translation>&amp;Экспорт календаря…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import calendar…</source>
        <translation>И&amp;мпорт календаря…</translation>
    </message>
    <message>
        <location filename="../../desktop/page_monitor.py" line="+63"/>
        <source>&amp;Add source…</source>
        <translation>&amp;Добавить источник…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import OPML…</source>
        <translation>&amp;Импорт OPML…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export OPML…</source>
        <translation>Э&amp;кспорт OPML…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Added {0}; fetching them</source>
        <translation>Добавлено: {0}; они загружаются</translation>
    </message>
    <message>
        <location filename="../../desktop/refresh.py" line="+60"/>
        <source>The demo works offline: its sources are not fetched. Start Attaché without “demo” to follow real sources.</source>
        <translation>Демонстрация работает без сети: её источники не загружаются. Чтобы следить за настоящими источниками, запустите Attaché без «demo».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refreshing…</source>
        <translation>Обновление…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Refresh cancelled; refreshed {0}: {1}</source>
        <translation>Обновление отменено; обновлено: {0}; {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refreshed {0}: {1}</source>
        <translation>Обновлено: {0}; {1}</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Refreshing {0}/{1}</source>
        <translation>Обновление {0}/{1}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Refresh failed: {0}</source>
        <translation>Ошибка обновления: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/source_actions.py" line="+39"/>
        <source>A refresh is already running; this source is fetched with it or the next one</source>
        <translation>Обновление уже выполняется; этот источник будет загружен в текущем или следующем обновлении</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Removed the source and {0}</source>
        <translation>Источник удалён вместе с материалами: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database could not be changed ({0}). Try again in a moment, when the refresh has finished.</source>
        <translation>Не удалось изменить базу данных ({0}). Повторите попытку, когда завершится обновление.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source not removed</source>
        <translation>Источник не удалён</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Removing a source</source>
        <translation>Удаление источника</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Added {0}; fetching it</source>
        <translation>Добавлен «{0}»; загружается</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Import sources from OPML</source>
        <translation>Импорт источников из OPML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation>Файлы OPML (*.opml *.xml);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported {0}; {1}</source>
        <translation>Импортировано: {0}; {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; skipped {0}</source>
        <translation>; пропущено: {0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Exported {0} to {1}</source>
        <translation>Экспортировано: {0} в {1}</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>OPML not imported</source>
        <translation>OPML не импортирован</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export sources to OPML</source>
        <translation>Экспорт источников в OPML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OPML files (*.opml);;All files (*)</source>
        <translation>Файлы OPML (*.opml);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OPML not exported</source>
        <translation>OPML не экспортирован</translation>
    </message>
    <message>
        <location filename="../../desktop/reports.py" line="+158"/>
        <source>&amp;Reports…</source>
        <translation>&amp;Отчёты…</translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message>
        <location filename="../../ui/monitor/view.py" line="+87"/>
        <source>No items match “{0}” — &lt;a href=&apos;{1}&apos;&gt;clear the search&lt;/a&gt;</source>
        <translation>Нет материалов по запросу «{0}» — &lt;a href=&apos;{1}&apos;&gt;очистить поиск&lt;/a&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+96"/>
        <location line="+18"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln материал</numerusform>
            <numerusform>%Ln материала</numerusform>
            <numerusform>%Ln материалов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Summary note</source>
        <translation>Заметка для сводки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your note on this story for the media summary (e.g. an English gist):</source>
        <translation>Ваша заметка к этому материалу для медиасводки (например, краткое изложение по-английски):</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <location filename="../../ui/calendar/month_view.py" line="+55"/>
        <source>Month calendar</source>
        <translation>Календарь на месяц</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>+{0} more</source>
        <translation>ещё {0}</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <location filename="../../ui/settings_tabs/network.py" line="+12"/>
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
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../desktop/notify.py" line="+53"/>
        <location filename="../../desktop/scheduler.py" line="+59"/>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
</context>
<context>
    <name>ObservancePanel</name>
    <message>
        <location filename="../../ui/calendar/observance_panel.py" line="+41"/>
        <source>Upcoming observances</source>
        <translation>Ближайшие памятные даты</translation>
    </message>
    <message numerus="yes">
        <location line="-3"/>
        <source>&lt;b&gt;Coming up&lt;/b&gt; — next %n day(s)</source>
        <translation>
            <numerusform>&lt;b&gt;Скоро&lt;/b&gt; — ближайший %n день</numerusform>
            <numerusform>&lt;b&gt;Скоро&lt;/b&gt; — ближайшие %n дня</numerusform>
            <numerusform>&lt;b&gt;Скоро&lt;/b&gt; — ближайшие %n дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>No observances in the next %n day(s).
Choose host countries and packs with:
attache config set countries UZ
attache config set packs un,us,host,programme</source>
        <translation>
            <numerusform>Нет памятных дат на ближайший %n день.
Выберите страны пребывания и наборы:
attache config set countries UZ
attache config set packs un,us,host,programme</numerusform>
            <numerusform>Нет памятных дат на ближайшие %n дня.
Выберите страны пребывания и наборы:
attache config set countries UZ
attache config set packs un,us,host,programme</numerusform>
            <numerusform>Нет памятных дат на ближайшие %n дней.
Выберите страны пребывания и наборы:
attache config set countries UZ
attache config set packs un,us,host,programme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Plan a post…</source>
        <translation>&amp;Запланировать публикацию…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the post editor with this observance&apos;s name and date filled in</source>
        <translation>Открыть редактор публикации с названием и датой этой памятной даты</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tomorrow</source>
        <translation>завтра</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>через %n день</numerusform>
            <numerusform>через %n дня</numerusform>
            <numerusform>через %n дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>⚑ Start preparing on {0} (%n day(s) ahead)</source>
        <translation>
            <numerusform>⚑ Начать подготовку {0} (за %n день)</numerusform>
            <numerusform>⚑ Начать подготовку {0} (за %n дня)</numerusform>
            <numerusform>⚑ Начать подготовку {0} (за %n дней)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-12"/>
        <source>✓ post planned</source>
        <translation>✓ публикация запланирована</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚑ prepare now</source>
        <translation>⚑ пора готовить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚑ from {0}</source>
        <translation>⚑ с {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The date is an estimate: confirm it before publishing.</source>
        <translation>Дата приблизительная: уточните её перед публикацией.</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <location filename="../../ui/calendar_io.py" line="-192"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export To</source>
        <translation>Экспорт в</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import From</source>
        <translation>Импорт из</translation>
    </message>
</context>
<context>
    <name>PlanWarnings</name>
    <message>
        <location filename="../../ui/post_editor/plan_check.py" line="+28"/>
        <source>No clashes on these channels, no public holiday, no missed deadline.</source>
        <translation>Нет пересечений в этих каналах, государственных праздников и пропущенных сроков.</translation>
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <location filename="../../ui/post_editor/editor.py" line="+67"/>
        <source>What the post is about, for the calendar</source>
        <translation>О чём публикация (для календаря)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text that goes out</source>
        <translation>Текст публикации</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>None — type a name to start one</source>
        <translation>Нет — введите название, чтобы создать</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For the team: sources, approvals, image credits</source>
        <translation>Для команды: источники, согласования, авторство изображений</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Save and Close</source>
        <translation>Сохранить и закрыть</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and keep editing (Ctrl+S)</source>
        <translation>Сохранить и продолжить редактирование (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>&amp;Title:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Te&amp;xt:</source>
        <translation>&amp;Текст:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;hannels:</source>
        <translation>&amp;Каналы:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When:</source>
        <translation>&amp;Дата и время:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ca&amp;mpaign:</source>
        <translation>Ка&amp;мпания:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Observance:</source>
        <translation>&amp;Памятная дата:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>&amp;Заметки:</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Time &amp;zone:</source>
        <translation>&amp;Часовой пояс:</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Ima&amp;ges:</source>
        <translation>Изобра&amp;жения:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>D&amp;uration:</source>
        <translation>Дл&amp;ительность:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat:</source>
        <translation>П&amp;овтор:</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Observance {0}</source>
        <translation>Памятная дата {0}</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+134"/>
        <source>Edit Post</source>
        <translation>Редактирование публикации</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>New Post</source>
        <translation>Новая публикация</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The plan could not be checked: {0}</source>
        <translation>Не удалось проверить план: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+61"/>
        <source>Post Not Saved</source>
        <translation>Публикация не сохранена</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Give the post a title: it is what the calendar shows.</source>
        <translation>Укажите название публикации: именно оно отображается в календаре.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Saved by Someone Else</source>
        <translation>Сохранено другим пользователем</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else saved this post while you were editing it, so your changes were not saved.</source>
        <translation>Пока вы редактировали публикацию, её сохранил другой пользователь, поэтому ваши изменения не сохранены.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload Their Version</source>
        <translation>Загрузить их версию</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep Editing</source>
        <translation>Продолжить редактирование</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Delete Post</source>
        <translation>Удаление публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “{0}” from the plan? This cannot be undone.</source>
        <translation>Удалить «{0}» из плана? Это действие нельзя отменить.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+38"/>
        <source>this post</source>
        <translation>эту публикацию</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Post Not Deleted</source>
        <translation>Публикация не удалена</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Unsaved Changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to “{0}” before closing?</source>
        <translation>Сохранить изменения в «{0}» перед закрытием?</translation>
    </message>
</context>
<context>
    <name>PostStatus</name>
    <message>
        <location filename="../../ui/post_editor/status.py" line="+16"/>
        <source>Idea</source>
        <translation>Идея</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Review</source>
        <translation>На согласовании</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Утверждено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Запланировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <location filename="../../ui/publish_panel.py" line="+96"/>
        <source>It is there…</source>
        <translation>Она там…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You found the post on the channel: give its address</source>
        <translation>Вы нашли публикацию в канале: укажите её адрес</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It is not there</source>
        <translation>Её там нет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It did not arrive: the next publishing run sends it</source>
        <translation>Она не дошла: следующий запуск публикации отправит её</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Send now…</source>
        <translation>Отправить сейчас…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its time passed while Attaché was not running: send it on this channel now</source>
        <translation>Её время прошло, пока Attaché не был запущен: отправить её в этот канал сейчас</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>published</source>
        <translation>опубликовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not published yet; tried again later</source>
        <translation>пока не опубликовано; будет повторено позже</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to check: the platform did not say whether it arrived</source>
        <translation>проверить: платформа не сообщила, дошла ли публикация</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>being sent</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missed its time</source>
        <translation>время пропущено</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Published on {0}</source>
        <translation>Опубликовано в {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The post&apos;s address on {0} (or its number):</source>
        <translation>Адрес публикации в {0} (или её номер):</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Send Now</source>
        <translation>Отправить сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish this post on {0} now? It goes out publicly at once.</source>
        <translation>Опубликовать эту публикацию в {0} сейчас? Она сразу станет общедоступной.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+8"/>
        <source>Publishing</source>
        <translation>Публикация</translation>
    </message>
</context>
<context>
    <name>Publishing</name>
    <message>
        <location filename="../../desktop/publishing.py" line="+38"/>
        <source>Published {0} on {1}</source>
        <translation>Опубликовано: {0} в {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not published on {0} ({1}: {2})</source>
        <translation>не опубликовано в {0} ({1}: {2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} to check: the channel may have the post; say whether it does in the post&apos;s editor</source>
        <translation>проверить публикацию в {0}: возможно, она уже там; отметьте это в редакторе публикации</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Publishing due posts</source>
        <translation>Публикация запланированных постов</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Attaché: publishing</source>
        <translation>Attaché: публикация</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Publishing failed: {0}</source>
        <translation>Публикация не удалась: {0}</translation>
    </message>
</context>
<context>
    <name>PublishingTab</name>
    <message>
        <location filename="../../ui/settings_tabs/publishing.py" line="+16"/>
        <source>Publishing</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer&apos;s login name</source>
        <translation>Имя пользователя этого компьютера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Your name:</source>
        <translation>&amp;Ваше имя:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who you are in a post&apos;s history, and for clearance.</source>
        <translation>Кто вы в истории публикации и для согласования.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clearance: a post is approved by someone other than its author</source>
        <translation>Согласование: публикацию утверждает не её автор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images need alt text (a description for people who cannot see them)</source>
        <translation>Изображениям нужен альтернативный текст (описание для тех, кто их не видит)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish approved posts at their time while Attaché is open</source>
        <translation>Публиковать утверждённые публикации в их время, пока Attaché открыт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> h</source>
        <translation> ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A post more &amp;late than this waits:</source>
        <translation>Публикация, &amp;опоздавшая больше, ждёт:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missed by more (the computer was off), it is not sent by itself.</source>
        <translation>Если время пропущено на больший срок (компьютер был выключен), она не отправляется сама.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All-day posts go out &amp;at:</source>
        <translation>Публикации на весь &amp;день выходят в:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An all-day post has no time of its own: it is sent at this time in its time zone.</source>
        <translation>У публикации на весь день нет своего времени: она отправляется в это время в своём часовом поясе.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Telegram &amp;formatting:</source>
        <translation>&amp;Разметка Telegram:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The post&apos;s text is escaped for it, so it shows as written.</source>
        <translation>Текст публикации экранируется для неё и показывается так, как написан.</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../ui/reader.py" line="+109"/>
        <source>(no title)</source>
        <translation>(без заголовка)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This item is too long to show here in full; open it in the browser to read the rest.</source>
        <translation>Материал слишком длинный, чтобы показать его здесь целиком; откройте его в браузере, чтобы дочитать.</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <location filename="../../ui/monitor/reading.py" line="+19"/>
        <source>Load images</source>
        <translation>Загрузить изображения</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Load %n image(s)</source>
        <translation>
            <numerusform>Загрузить %n изображение</numerusform>
            <numerusform>Загрузить %n изображения</numerusform>
            <numerusform>Загрузить %n изображений</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepeatRow</name>
    <message>
        <location filename="../../ui/post_editor/repeat.py" line="+43"/>
        <source>An iCalendar RRULE, as calendar programs write it</source>
        <translation>Правило RRULE в формате iCalendar, как его записывают календарные программы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forever</source>
        <translation>Бессрочно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times:</source>
        <translation>Раз:</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Write the rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH, or choose another Repeat.</source>
        <translation>Запишите правило, например FREQ=WEEKLY;BYDAY=TU,TH, или выберите другой вариант повтора.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Does not repeat</source>
        <translation>Не повторяется</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Daily</source>
        <translation>Ежедневно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly on {0}</source>
        <translation>Еженедельно: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly on day {0}</source>
        <translation>Ежемесячно, {0}-го числа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom (RRULE)…</source>
        <translation>Своё правило (RRULE)…</translation>
    </message>
</context>
<context>
    <name>ReplyReader</name>
    <message>
        <location filename="../../ui/reply_reader.py" line="+87"/>
        <source>Select a reply to read it here in full, with the post it answers. J and K move to the next and previous reply.</source>
        <translation>Выберите ответ, чтобы прочитать его здесь целиком вместе с публикацией, на которую он отвечает. J и K — следующий и предыдущий ответ.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(unknown author)</source>
        <translation>(автор неизвестен)</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>♥ %n like(s)</source>
        <translation>
            <numerusform>♥ %n отметка «нравится»</numerusform>
            <numerusform>♥ %n отметки «нравится»</numerusform>
            <numerusform>♥ %n отметок «нравится»</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open on {0}</source>
        <translation>Открыть в {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform</source>
        <translation>сети</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} (labelled by hand)</source>
        <translation>{0} (отмечено вручную)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Embassy</source>
        <translation>Посольство</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The embassy answered</source>
        <translation>Ответ посольства</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>In reply to</source>
        <translation>В ответ на</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open the post</source>
        <translation>Открыть публикацию</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(untitled post)</source>
        <translation>(публикация без названия)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The embassy&apos;s post</source>
        <translation>Публикация посольства</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../desktop/reports.py" line="-98"/>
        <source>{0} in {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Writing the file…</source>
        <translation>Запись файла…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Report saved to {0}</source>
        <translation>Отчёт сохранён: {0}</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../ui/reports_dialog.py" line="+160"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Media summary (this morning&apos;s stories)</source>
        <translation>Медиасводка (материалы за утро)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period report (posts, replies, sentiment…)</source>
        <translation>Отчёт за период (публикации, ответы, тональность…)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Marked for the summary (D on the Monitor)</source>
        <translation>Отмеченные для сводки (D в Мониторинге)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starred</source>
        <translation>Избранные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentioning watch terms</source>
        <translation>С упоминанием ключевых слов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose terms</source>
        <translation>Выбрать слова</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Watch term</source>
        <translation>Ключевое слово</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First lines of each story</source>
        <translation>Первые строки каждого материала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tone (when tone of coverage is on)</source>
        <translation>Тональность (если включена тональность освещения)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stories:</source>
        <translation>Материалы:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grouped by:</source>
        <translation>Группировать по:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All campaigns</source>
        <translation>Все кампании</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All own accounts</source>
        <translation>Все свои аккаунты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Campaign:</source>
        <translation>Кампания:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel:</source>
        <translation>Канал:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. U.S. Embassy Tashkent</source>
        <translation>например, U.S. Embassy Tashkent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. UNCLASSIFIED (on every page)</source>
        <translation>например, UNCLASSIFIED (на каждой странице)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letterhead (remembered)</source>
        <translation>Шапка (запоминается)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Embassy:</source>
        <translation>Посольство:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepared by:</source>
        <translation>Подготовил:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification:</source>
        <translation>Гриф:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reports (*.docx *.pdf *.html *.txt *.xlsx)</source>
        <translation>Отчёты (*.docx *.pdf *.html *.txt *.xlsx)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Report:</source>
        <translation>&amp;Отчёт:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Days:</source>
        <translation>&amp;Дни:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>F&amp;ormat:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ile:</source>
        <translation>Ф&amp;айл:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>First page</source>
        <translation>Первая страница</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location line="+132"/>
        <location line="+22"/>
        <source>Choose the watch terms whose stories go in.</source>
        <translation>Выберите ключевые слова, материалы с которыми войдут в сводку.</translation>
    </message>
    <message numerus="yes">
        <location line="-17"/>
        <source>%n page(s) as PDF — {0}</source>
        <translation>
            <numerusform>%n страница в PDF — {0}</numerusform>
            <numerusform>%n страницы в PDF — {0}</numerusform>
            <numerusform>%n страниц в PDF — {0}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Building the preview…</source>
        <translation>Готовится предпросмотр…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a file to save to (Browse…).</source>
        <translation>Выберите файл для сохранения (Обзор…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is a folder; give a file name.</source>
        <translation>{0} — это папка; укажите имя файла.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved {0}: {1}</source>
        <translation>Сохранено {0}: {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writing {0}…</source>
        <translation>Запись {0}…</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../ui/settings_tabs/reports.py" line="+18"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Embassy:</source>
        <translation>&amp;Посольство:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. U.S. Embassy Tashkent — Public Affairs Section</source>
        <translation>напр. Посольство США в Ташкенте — отдел по связям с общественностью</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed at the top of every report.</source>
        <translation>Печатается в начале каждого отчёта.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Prepared by:</source>
        <translation>&amp;Подготовил:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your name and title</source>
        <translation>Ваше имя и должность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Classification line:</source>
        <translation>&amp;Гриф:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. UNCLASSIFIED</source>
        <translation>напр. НЕСЕКРЕТНО</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free text, shown at the top and bottom of every page.</source>
        <translation>Произвольный текст вверху и внизу каждой страницы.</translation>
    </message>
</context>
<context>
    <name>SecretsTab</name>
    <message>
        <location filename="../../ui/settings_tabs/secrets.py" line="+33"/>
        <source>Secrets</source>
        <translation>Секреты</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens and API keys go to this computer&apos;s keyring (Windows Credential Manager, macOS Keychain, GNOME Keyring or KWallet), never to a file. Attaché shows whether one is stored, never what it is.</source>
        <translation>Токены и ключи API хранятся в хранилище паролей этого компьютера (диспетчер учётных данных Windows, Связка ключей macOS, GNOME Keyring или KWallet), никогда — в файле. Attaché показывает, сохранён ли секрет, но не его значение.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;There is no keyring on this computer, so tokens cannot be stored.&lt;/b&gt; Windows and macOS have one built in; on Linux, install and unlock GNOME Keyring or KWallet (or ask IT), then open Settings again. Attaché never falls back to a plain-text file.</source>
        <translation>&lt;b&gt;На этом компьютере нет хранилища ключей, поэтому токены сохранить нельзя.&lt;/b&gt; В Windows и macOS оно встроено; в Linux установите и разблокируйте GNOME Keyring или KWallet (или обратитесь в ИТ-отдел), затем снова откройте настройки. Attaché никогда не сохраняет их в обычном текстовом файле.</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+29"/>
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
        <location line="+17"/>
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
        <location line="+12"/>
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
</context>
<context>
    <name>SentimentCard</name>
    <message>
        <location filename="../../ui/dashboard/sentiment.py" line="+41"/>
        <source>Sentiment, last 7 days</source>
        <translation>Тональность за 7 дней</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Sentiment, last %n day(s)</source>
        <translation>
            <numerusform>Тональность за последний %n день</numerusform>
            <numerusform>Тональность за последние %n дня</numerusform>
            <numerusform>Тональность за последние %n дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No replies in the last %n day(s). Replies to your own accounts&apos; posts are collected when sources refresh.</source>
        <translation>
            <numerusform>Нет ответов за последний %n день. Ответы на публикации ваших аккаунтов собираются при обновлении источников.</numerusform>
            <numerusform>Нет ответов за последние %n дня. Ответы на публикации ваших аккаунтов собираются при обновлении источников.</numerusform>
            <numerusform>Нет ответов за последние %n дней. Ответы на публикации ваших аккаунтов собираются при обновлении источников.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>positive</source>
        <translation>позитивных</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>neutral</source>
        <translation>нейтральных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative</source>
        <translation>негативных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not analysed (language)</source>
        <translation>не проанализировано (язык)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not scored yet</source>
        <translation>ещё не оценено</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Mean polarity {0}, {1} negative — over the %n analysed reply(ies); replies in languages Attaché does not analyse are counted apart.</source>
        <translation>
            <numerusform>Средняя полярность {0}, доля негативных {1} — по %n проанализированному ответу; ответы на языках, которые Attaché не анализирует, считаются отдельно.</numerusform>
            <numerusform>Средняя полярность {0}, доля негативных {1} — по %n проанализированным ответам; ответы на языках, которые Attaché не анализирует, считаются отдельно.</numerusform>
            <numerusform>Средняя полярность {0}, доля негативных {1} — по %n проанализированным ответам; ответы на языках, которые Attaché не анализирует, считаются отдельно.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None of these replies could be analysed: their languages are not analysed (Listen says which languages are).</source>
        <translation>Ни один из этих ответов не удалось проанализировать: их языки не анализируются (какие анализируются — см. «Отклики»).</translation>
    </message>
</context>
<context>
    <name>SentimentTab</name>
    <message>
        <location filename="../../ui/settings_tabs/sentiment.py" line="+15"/>
        <source>Sentiment</source>
        <translation>Тональность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each English reply gets a polarity from −1 (very negative) to +1 (very positive). At or above the positive threshold it counts as positive, at or below the negative threshold as negative, in between as neutral. The defaults were measured on labelled embassy replies. Russian and Kazakh have analyzers of their own; other languages are counted as unsupported, never as neutral.</source>
        <translation>Каждый ответ на английском получает тональность от −1 (очень негативно) до +1 (очень позитивно). Не ниже порога позитива — позитивный, не выше порога негатива — негативный, между ними — нейтральный. Значения по умолчанию измерены на размеченных ответах посольству. У русского и казахского свои анализаторы; остальные языки считаются неподдерживаемыми и никогда — нейтральными.</translation>
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
        <source>Also score items from watched feeds</source>
        <translation>Оценивать и материалы отслеживаемых лент</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needs attention from &amp;quality:</source>
        <translation>«Требует внимания» от &amp;качества:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A language counts in “Needs attention” only when its analyzer measured at least this macro-F1; your own labels always count.</source>
        <translation>Язык учитывается в «Требует внимания», только если его анализатор показал не ниже этого macro-F1; ваши собственные оценки учитываются всегда.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learn from my labels (per language, shared in a team database)</source>
        <translation>Учиться на моих оценках (по языкам, общее для команды в общей базе)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> new labels</source>
        <translation> новых оценок</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learn again &amp;after:</source>
        <translation>Переобучать &amp;после:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>0: only when asked (attache sentiment learn)</source>
        <translation>0 — только по команде (attache sentiment learn)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None (the analyzers that ship)</source>
        <translation>Нет (встроенные анализаторы)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IT&apos;s own &amp;model:</source>
        <translation>&amp;Модель ИТ-службы:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A folder with model.onnx, tokenizer.json and labels.json (needs attache[onnx]; README “Sentiment”)</source>
        <translation>Папка с model.onnx, tokenizer.json и labels.json (нужен attache[onnx]; README, раздел «Sentiment»)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replies already scored keep their labels until you re-score them (attache sentiment run --rescore); your own labels are always kept.</source>
        <translation>Уже оценённые ответы сохраняют метки до переоценки (attache sentiment run --rescore); ваши собственные метки сохраняются всегда.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The positive threshold must be above the negative one.</source>
        <translation>Положительный порог должен быть выше отрицательного.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="+77"/>
        <source>No such file: {0}</source>
        <translation>Нет такого файла: {0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot write the settings file: {0}</source>
        <translation>Не удаётся записать файл настроек: {0}</translation>
    </message>
    <message>
        <location filename="../../core/platforms.py" line="-34"/>
        <source>YouTube Data API key (comments on the embassy&apos;s videos)</source>
        <translation>Ключ YouTube Data API (комментарии к видео посольства)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Facebook Page access token (for every Page without its own)</source>
        <translation>Токен доступа страницы Facebook (для всех страниц без своего токена)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Instagram access token (for every account without its own)</source>
        <translation>Токен доступа Instagram (для всех аккаунтов без своего токена)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="+21"/>
        <source>Publishing on {0}: an access token with write:statuses and write:media</source>
        <translation>Публикация в {0}: токен доступа с правами write:statuses и write:media</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publishing on {0}: an app password (never the account&apos;s own)</source>
        <translation>Публикация в {0}: пароль приложения (не пароль самого аккаунта)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publishing on {0}: the token of a bot that is an administrator of the channel</source>
        <translation>Публикация в {0}: токен бота, который является администратором канала</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publishing on {0}: a Page token with pages_manage_posts and pages_manage_engagement</source>
        <translation>Публикация в {0}: токен страницы с правами pages_manage_posts и pages_manage_engagement</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Publishing on {0}</source>
        <translation>Публикация в {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Database password for {0}</source>
        <translation>Пароль базы данных для {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase of the database client key for {0}</source>
        <translation>Парольная фраза клиентского ключа базы данных для {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} token for {1}</source>
        <translation>Токен {0} для {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stored earlier</source>
        <translation>сохранён ранее</translation>
    </message>
    <message>
        <location line="+61"/>
        <location filename="../../ui/settings_dialog.py" line="+71"/>
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
        <location line="+58"/>
        <source>Added {0}; they are fetched now (F5 fetches again).</source>
        <translation>Добавлено: {0}; они уже загружаются (F5 — загрузить снова).</translation>
    </message>
    <message>
        <location filename="../../ui/settings_tabs/choices.py" line="+21"/>
        <source>Uzbekistan</source>
        <translation>Узбекистан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kazakhstan</source>
        <translation>Казахстан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kyrgyzstan</source>
        <translation>Кыргызстан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tajikistan</source>
        <translation>Таджикистан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkmenistan</source>
        <translation>Туркменистан</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location filename="../../ui/settings_dialog.py" line="+86"/>
        <source>Settings not saved</source>
        <translation>Настройки не сохранены</translation>
    </message>
    <message>
        <location filename="../../ui/settings_tabs/choices.py" line="+20"/>
        <source>This computer&apos;s zone ({0})</source>
        <translation>Пояс этого компьютера ({0})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type to search, e.g. Tashkent</source>
        <translation>Начните вводить, например Tashkent</translation>
    </message>
    <message>
        <location filename="../../core/platforms.py" line="+9"/>
        <source>VK service token (for every page without its own)</source>
        <translation>Сервисный токен VK (для всех страниц без собственного)</translation>
    </message>
</context>
<context>
    <name>SourceCommands</name>
    <message>
        <location filename="../../ui/sources_page.py" line="+91"/>
        <source>&amp;Refresh now</source>
        <translation>&amp;Обновить сейчас</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-&amp;enable (it is back)</source>
        <translation>&amp;Включить снова (источник снова доступен)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Disable</source>
        <translation>О&amp;тключить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;move…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Remove “{0}” and its %Ln item(s)?</source>
        <translation>
            <numerusform>Удалить «{0}» и его %Ln материал?</numerusform>
            <numerusform>Удалить «{0}» и его %Ln материала?</numerusform>
            <numerusform>Удалить «{0}» и его %Ln материалов?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove “{0}”?</source>
        <translation>Удалить «{0}»?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The items are deleted from this database; adding the source again fetches only what the feed still offers. To stop fetching but keep the items, choose Disable instead.</source>
        <translation>Материалы будут удалены из базы данных; при повторном добавлении источника загрузится только то, что лента ещё предлагает. Чтобы прекратить загрузку, но сохранить материалы, выберите «Отключить».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove source</source>
        <translation>Удаление источника</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Source not changed</source>
        <translation>Источник не изменён</translation>
    </message>
</context>
<context>
    <name>SourceEditDialog</name>
    <message>
        <location filename="../../ui/source_edit_dialog.py" line="+34"/>
        <source>none — type e.g. News / Uzbekistan to nest folders</source>
        <translation>нет — например, Новости / Узбекистан для вложенных папок</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often Attaché checks this source for new items</source>
        <translation>Как часто Attaché проверяет этот источник на новые материалы</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit source</source>
        <translation>Изменение источника</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the feed&apos;s own title</source>
        <translation>собственное название ленты</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;every:</source>
        <translation>Интервал &amp;обновления:</translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message>
        <location filename="../../ui/sources_page.py" line="+27"/>
        <source>&amp;Add source…</source>
        <translation>&amp;Добавить источник…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by title, category, status or error</source>
        <translation>Фильтр по названию, категории, состоянию или ошибке</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No sources match “{0}” — &lt;a href=&apos;{1}&apos;&gt;clear the filter&lt;/a&gt;</source>
        <translation>Нет источников по запросу «{0}» — &lt;a href=&apos;{1}&apos;&gt;очистить фильтр&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No sources yet.

Add a feed, a web page, or a social account with “Add source…”,
or bring a list from another reader with File → Import OPML…</source>
        <translation>Источников пока нет.

Добавьте ленту, веб-страницу или аккаунт в соцсети кнопкой «Добавить источник…»
или перенесите список из другой программы: Файл → Импорт OPML…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Loading sources</source>
        <translation>Загрузка источников</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln источник</numerusform>
            <numerusform>%Ln источника</numerusform>
            <numerusform>%Ln источников</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, {0} need attention</source>
        <translation>, требуют внимания: {0}</translation>
    </message>
</context>
<context>
    <name>SourcesTable</name>
    <message>
        <location filename="../../ui/models/sources_table.py" line="+38"/>
        <location line="+1"/>
        <source>Feed</source>
        <translation>Лента</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OK</source>
        <translation>Работает</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Gone</source>
        <translation>Недоступен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>Новый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>Отключён</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last fetched</source>
        <translation>Посл. загрузка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next check</source>
        <translation>След. проверка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>Всего</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unread</source>
        <translation>Непрочит.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Note: {0}</source>
        <translation>Примечание: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>disabled</source>
        <translation>отключён</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not checked</source>
        <translation>не проверяется</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>next refresh</source>
        <translation>при следующем обновлении</translation>
    </message>
</context>
<context>
    <name>SourcesTree</name>
    <message>
        <location filename="../../ui/models/sources_tree.py" line="+66"/>
        <source>Error: {0}</source>
        <translation>Ошибка: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the last fetch failed</source>
        <translation>последняя загрузка не удалась</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gone: {0}</source>
        <translation>Недоступен: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the feed no longer exists</source>
        <translation>лента больше не существует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — re-enable it if it came back</source>
        <translation> — включите его снова, если он снова появится</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled: not fetched until you enable it</source>
        <translation>Отключён: не загружается, пока вы его не включите</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New: not fetched yet (press F5)</source>
        <translation>Новый: ещё не загружался (нажмите F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OK, with a note: {0}</source>
        <translation>OK, с примечанием: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>Работает</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>All items</source>
        <translation>Все материалы</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unread</source>
        <translation>Непрочитанные</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{0} unread of {1}</source>
        <translation>{0} непрочитанных из {1}</translation>
    </message>
</context>
<context>
    <name>StatusButtons</name>
    <message>
        <location filename="../../ui/post_editor/status.py" line="+43"/>
        <source>Move the post to “{0}” (saved with the post)</source>
        <translation>Перевести публикацию в статус «{0}» (сохраняется вместе с публикацией)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The post&apos;s status</source>
        <translation>Статус публикации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a next step from “{0}”</source>
        <translation>Недоступно после статуса «{0}»</translation>
    </message>
</context>
<context>
    <name>StatusHistory</name>
    <message>
        <location filename="../../ui/post_editor/history.py" line="+23"/>
        <source>{0} {1}: {2} → {3}</source>
        <translation>{0} {1}: {2} → {3}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new</source>
        <translation>новая</translation>
    </message>
</context>
<context>
    <name>WatchCard</name>
    <message>
        <location filename="../../ui/dashboard/watch.py" line="+44"/>
        <source>Watch terms, last 7 days</source>
        <translation>Отслеживаемые слова за 7 дней</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No watch terms yet — add the words, #hashtags and @mentions you follow (Sources, or: attache watch add TERM).</source>
        <translation>Отслеживаемых слов пока нет — добавьте слова, #хэштеги и @упоминания («Источники» или: attache watch add TERM).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0} in {1}</source>
        <translation>{0} за {1}</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>and %n quieter term(s)</source>
        <translation>
            <numerusform>и ещё %n менее упоминаемое слово</numerusform>
            <numerusform>и ещё %n менее упоминаемых слова</numerusform>
            <numerusform>и ещё %n менее упоминаемых слов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WhenRow</name>
    <message>
        <location filename="../../ui/post_editor/timing.py" line="-122"/>
        <source>All day</source>
        <translation>Весь день</translation>
    </message>
</context>
<context>
    <name>ZoneRow</name>
    <message>
        <location line="+56"/>
        <source>The time zone the time above is in</source>
        <translation>Часовой пояс, в котором указано время выше</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../desktop/crash.py" line="+47"/>
        <source>The proxy refused the connection. Check the proxy in Settings → Network, or ask IT.</source>
        <translation>Прокси-сервер отклонил подключение. Проверьте прокси в разделе Настройки → Сеть или обратитесь в ИТ-отдел.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A secure connection could not be verified. If your office inspects TLS, IT must give Attaché its CA bundle (Settings → Network).</source>
        <translation>Не удалось проверить защищённое соединение. Если в вашем офисе проверяется TLS-трафик, ИТ-отдел должен передать Attaché свой пакет сертификатов ЦС (Настройки → Сеть).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The network cannot be reached: you may be offline or behind a proxy. Attaché keeps working with what it has stored.</source>
        <translation>Сеть недоступна: возможно, нет подключения или нужен прокси. Attaché продолжает работать с уже сохранёнными данными.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database is busy: another Attaché or a backup is using it. Try again in a moment.</source>
        <translation>База данных занята: её использует другая копия Attaché или резервное копирование. Повторите попытку чуть позже.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk holding your database is full. Free some space on it, then try again; nothing was half-written.</source>
        <translation>Диск, на котором лежит ваша база данных, заполнен. Освободите на нём место и повторите попытку; ничего не записано наполовину.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is damaged. Close Attaché and run &apos;attache db restore&apos; to put the newest automatic backup in its place (the damaged file is kept).</source>
        <translation>База данных повреждена. Закройте Attaché и выполните «attache db restore», чтобы вернуть последнюю автоматическую резервную копию (повреждённый файл сохранится).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is read-only: Attaché can show what is stored but cannot change it. Ask IT for write access.</source>
        <translation>База данных доступна только для чтения: Attaché может показать сохранённое, но не может ничего изменить. Попросите ИТ-отдел дать право на запись.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attaché cannot use the file {0}: {1}</source>
        <translation>Attaché не может использовать файл {0}: {1}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The details are in the log file:
{0}</source>
        <translation>Подробности — в файле журнала:
{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The log file could not be written.</source>
        <translation>Не удалось записать файл журнала.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attaché ran into a bug</source>
        <translation>В Attaché произошла ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong that Attaché did not expect ({0}: {1}).
Your data is safe: every change is saved as it is made.

{2}

Please send that file to IT.</source>
        <translation>Произошла непредвиденная ошибка ({0}: {1}).
Ваши данные в безопасности: каждое изменение сохраняется сразу.

{2}

Отправьте этот файл в ИТ-отдел.</translation>
    </message>
</context>
<context>
    <name>notify</name>
    <message>
        <location filename="../../desktop/notify.py" line="-19"/>
        <source>{0} from {1}</source>
        <translation>{0} из {1}</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../desktop/recovery.py" line="+45"/>
        <source>{0}

Attaché keeps automatic backups. Restore the newest one, from {1}?

Changes made after it will be missing. The damaged file is not deleted: it is kept beside the database as {2}.damaged-….</source>
        <translation>{0}

Attaché хранит автоматические резервные копии. Восстановить последнюю, от {1}?

Изменения, сделанные после неё, пропадут. Повреждённый файл не удаляется: он останется рядом с базой под именем {2}.damaged-….</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attaché&apos;s database is damaged</source>
        <translation>База данных Attaché повреждена</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restore backup</source>
        <translation>Восстановить из копии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
</context>
</TS>
