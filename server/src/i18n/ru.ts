import type { ErrorCode } from '@parta/protocol';

export const ru: Record<ErrorCode | 'validation.failed_request', string> = {
  'validation.failed': 'Проверьте заполнение полей: {{fields}}.',
  'validation.failed_request': 'Запрос составлен неверно: {{reason}}',
  'request.malformed_json': 'Запрос не удалось прочитать: тело запроса не является корректным JSON.',
  'request.too_large': 'Запрос слишком большой.',
  'request.unsupported_media_type': 'Такой формат запроса не поддерживается.',
  'request.not_found': 'Такой страницы нет.',
  'auth.required': 'Войдите, чтобы продолжить.',
  'auth.invalid_credentials': 'Неверный логин или пароль.',
  'auth.rate_limited': 'Слишком много попыток входа. Попробуйте снова через {{minutes}} мин.',
  'auth.csrf_failed': 'Страница устарела. Обновите её и повторите действие.',
  'auth.wrong_password': 'Текущий пароль указан неверно.',
  'auth.reset_link_invalid':
    'Ссылка недействительна: её уже использовали или срок её действия истёк. Попросите администратора школы выдать новую.',
  'auth.login_taken': 'Этот логин, адрес почты или телефон уже заняты.',
  'access.denied': 'У вас нет прав на это действие.',
  'setup.already_done': 'Школа уже настроена. Войдите под своей учётной записью.',
  'people.not_found': 'Человек не найден.',
  'chats.not_found': 'Чат не найден.',
  'chats.member_not_found': 'Среди добавляемых есть люди не из вашей школы.',
  'messages.not_found': 'Сообщение не найдено.',
  'events.cursor_expired': 'Данные устарели, загружаем заново.',
  'server.unavailable': 'Сервер временно недоступен. Попробуйте через минуту.',
  'server.internal': 'Что-то пошло не так на сервере. Мы уже записали ошибку; попробуйте ещё раз.',
};
