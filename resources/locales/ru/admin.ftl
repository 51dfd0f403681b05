# Machine translation by the development team: needs review by a native speaker.

# The admin panel: reached by a discreet gesture and a PIN. Seen by kiosk staff, never by visitors.

admin-title = Администрирование
admin-pin-set-title = Задайте PIN администратора
admin-pin-set-help = Выберите от 6 до 12 цифр. Они понадобятся, чтобы открыть эту панель; запишите их и храните в надёжном месте.
admin-pin-enter-title = Введите PIN администратора
admin-pin-label = PIN-код
admin-pin-repeat-label = Тот же PIN ещё раз
admin-pin-submit = Открыть
admin-pin-save = Сохранить PIN
admin-pin-wrong = Неверный PIN.
admin-pin-locked = Слишком много неверных PIN. Попробуйте снова через { $seconds } с.
admin-pin-shape = PIN должен состоять из 6–12 цифр.
admin-pin-not-set = На этом киоске PIN-код администратора ещё не задан. Обратитесь к оператору, который его установил.
admin-pin-mismatch = Введённые PIN не совпадают.
admin-pin-already-set = PIN уже задан.
admin-status-title = Информация
admin-row-version = Версия информации
admin-row-published = Опубликовано
admin-row-age = Возраст
admin-age-days =
    { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }
admin-row-source = Источник
admin-row-fetched = Получено
admin-row-last-check = Последняя проверка
admin-row-metadata = Подписи действительны до
admin-metadata-expired = срок истёк: новая информация не принимается, пока издатель не подпишет её снова
admin-row-previous = Предыдущая версия
admin-row-pending = Ожидает показа
admin-pending-value = версия { $version }, будет показана после следующего сброса
admin-row-update-url = Адрес обновлений
admin-row-usb = USB-накопитель
admin-none = нет
admin-result-staged = получена новая версия
admin-result-current = уже последняя версия
admin-actions-title = Обновления
admin-check = Проверить сейчас
admin-import-usb = Импорт с USB
admin-rollback = Вернуть предыдущую версию
admin-settings-title = Настройки
admin-default-locale = Язык, на котором начинается новый сеанс
admin-update-url-label = Адрес обновлений (https://…)
admin-save = Сохранить настройки
admin-close = Закрыть панель
admin-working = Выполняется…
admin-saved = Настройки сохранены.
admin-staged = Версия { $version } получена. Она будет показана, когда эта панель закроется.
admin-up-to-date = Уже последняя версия (версия { $version }).
admin-rolled-back = Сейчас показана версия { $version }.
admin-error-bad-source = Этот адрес обновлений нельзя использовать. Укажите адрес https://.
admin-error-unreachable = Не удалось связаться с источником обновлений.
admin-error-deadline = Источник обновлений отвечает слишком медленно. Попробуйте позже.
admin-error-certificate = Сертификат сервера обновлений отклонён (неверное имя, истёк срок или выдан не доверенным центром). Ничего не загружено.
admin-error-redirect = Сервер обновлений перенаправил на другой адрес. Это отклонено.
admin-error-too-large = Источник обновлений прислал больше данных, чем разрешено. Они отклонены.
admin-error-expired = Срок действия подписей обновления истёк. Обновление отклонено; текущая информация сохраняется.
admin-error-rollback = Предложенное обновление старее информации на этом киоске. Оно отклонено.
admin-error-signature-invalid = Обновление не прошло проверку подписи. Оно отклонено.
admin-error-integrity = Полученная информация повреждена. Она отклонена.
admin-error-no-space = Недостаточно места на диске для обновления.
admin-error-io = Не удалось записать обновление на диск.
admin-error-no-trust = Этот киоск пока не доверяет ни одному ключу издателя.
admin-error-clock = Часы киоска показывают более раннее время, чем раньше. Установите правильное время и попробуйте снова.
admin-error-no-previous = Нет предыдущей версии, к которой можно вернуться.
admin-error-busy = Уже выполняется другое обновление. Попробуйте чуть позже.
admin-error-repository = Хранилище обновлений настроено неправильно.
admin-error-signing = Не удалось подписать обновление.
admin-error-fixed-content = Этот киоск показывает постоянную папку с информацией, поэтому обновления отключены.
admin-error-no-url = Адрес обновлений не задан.
admin-error-no-usb = USB-накопитель с обновлениями не найден.
admin-error-locked = Сначала откройте панель с помощью PIN.
