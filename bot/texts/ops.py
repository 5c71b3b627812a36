"""Operator-facing texts: database and channel failures, ownership, health, backups (terminal)."""

VI = {
    "ops.error": "Lỗi: {message}",
    "ops.unexpected": (
        "Lỗi không mong đợi ({kind}): {message}. Chạy lại với DONDOC_LOG_LEVEL=DEBUG để xem chi tiết."
    ),
    "db.unreachable": (
        "Không kết nối được máy chủ cơ sở dữ liệu {where}: kiểm tra PostgreSQL đang chạy và "
        "máy, cổng trong DATABASE_URL."
    ),
    "db.unknown_host": (
        "Không tìm thấy máy chủ cơ sở dữ liệu “{host}”: sửa tên máy trong DATABASE_URL."
    ),
    "db.unknown_database": (
        "Cơ sở dữ liệu “{name}” không có trên máy chủ: tạo nó (createdb {name}) hoặc sửa tên "
        "trong DATABASE_URL."
    ),
    "db.unknown_role": (
        "Máy chủ từ chối người dùng “{user}” (không tồn tại hoặc không được phép kết nối): "
        "tạo vai trò (createuser {user}) hoặc sửa DATABASE_URL."
    ),
    "db.wrong_password": "Sai mật khẩu của người dùng “{user}”: sửa mật khẩu trong DATABASE_URL.",
    "db.no_privilege": (
        "Người dùng “{user}” không có quyền trên cơ sở dữ liệu: cấp quyền (GRANT) hoặc dùng "
        "người dùng sở hữu cơ sở dữ liệu."
    ),
    "db.too_many": "Máy chủ PostgreSQL đã hết kết nối: giảm số tiến trình hoặc tăng max_connections.",
    "db.cannot_open": (
        "Không mở được tệp SQLite “{path}”: kiểm tra thư mục có tồn tại và tài khoản chạy dondoc "
        "có quyền đọc, ghi ở đó."
    ),
    "db.read_only": (
        "Cơ sở dữ liệu chỉ cho đọc ({where}): cấp quyền ghi cho tệp và thư mục của nó (hoặc cho "
        "người dùng PostgreSQL), hoặc gắn lại ổ đĩa ở chế độ ghi."
    ),
    "db.disk_full": "Ổ đĩa chứa cơ sở dữ liệu đã đầy ({where}): giải phóng chỗ trống rồi chạy lại.",
    "db.not_database": "Tệp “{path}” không phải cơ sở dữ liệu SQLite: sửa DATABASE_URL.",
    "db.locked": (
        "Cơ sở dữ liệu SQLite đang bị tiến trình khác khóa quá lâu: thử lại sau, hoặc dùng "
        "PostgreSQL khi chạy nhiều tiến trình."
    ),
    "db.foreign": (
        "Cơ sở dữ liệu trong DATABASE_URL đang chứa bảng của ứng dụng khác ({tables}); dondoc "
        "không động vào. Hãy dùng một cơ sở dữ liệu trống riêng cho dondoc."
    ),
    "db.maintenance": (
        "“{name}” là cơ sở dữ liệu quản trị của máy chủ PostgreSQL, không dành cho ứng dụng: tạo "
        "một cơ sở dữ liệu riêng (createdb dondoc) rồi sửa DATABASE_URL."
    ),
    "db.foreign_force": (
        "{message} (Nếu chắc chắn muốn thêm bảng của dondoc vào đó: dondoc db upgrade --force.)"
    ),
    "db.newer": (
        "Cơ sở dữ liệu ở phiên bản lược đồ {revision}, mới hơn bản dondoc này (biết tới {head}): "
        "hãy cài bản dondoc mới hơn. dondoc không bao giờ hạ cấp cơ sở dữ liệu."
    ),
    "db.upgraded": "Cơ sở dữ liệu đã ở phiên bản mới nhất.",
    "channel.rejected": (
        "Máy chủ {channel} từ chối token hoặc không có địa chỉ API này: kiểm tra {token_variable} "
        "và {url_variable}."
    ),
    "channel.unavailable": (
        "Không kết nối được kênh {channel}: kiểm tra mạng, {token_variable} và {url_variable}."
    ),
}

EN = {
    "ops.error": "Error: {message}",
    "ops.unexpected": (
        "Unexpected error ({kind}): {message}. Run again with DONDOC_LOG_LEVEL=DEBUG for details."
    ),
    "db.unreachable": (
        "Cannot reach the database server {where}: check that PostgreSQL is running and the host "
        "and port in DATABASE_URL."
    ),
    "db.unknown_host": "Database host “{host}” not found: fix the host name in DATABASE_URL.",
    "db.unknown_database": (
        "Database “{name}” does not exist on the server: create it (createdb {name}) or fix "
        "DATABASE_URL."
    ),
    "db.unknown_role": (
        "The server refused user “{user}” (no such role, or not allowed to connect): create it "
        "(createuser {user}) or fix DATABASE_URL."
    ),
    "db.wrong_password": "Wrong password for user “{user}”: fix it in DATABASE_URL.",
    "db.no_privilege": (
        "User “{user}” lacks privileges on the database: GRANT them or use the owning user."
    ),
    "db.too_many": "PostgreSQL has no connections left: run fewer processes or raise max_connections.",
    "db.cannot_open": (
        "Cannot open the SQLite file “{path}”: check that its directory exists and that dondoc's "
        "account may read and write there."
    ),
    "db.read_only": (
        "The database is read-only ({where}): give write permission on the file and its directory "
        "(or to the PostgreSQL user), or remount the disk read-write."
    ),
    "db.disk_full": "The database's disk is full ({where}): free some space and run again.",
    "db.not_database": "“{path}” is not an SQLite database: fix DATABASE_URL.",
    "db.locked": (
        "The SQLite database stayed locked by another process: try again later, or use "
        "PostgreSQL for several processes."
    ),
    "db.foreign": (
        "The database in DATABASE_URL holds another application's tables ({tables}); dondoc "
        "leaves it alone. Use an empty database of dondoc's own."
    ),
    "db.maintenance": (
        "“{name}” is the PostgreSQL server's maintenance database, not an application's: create "
        "one for dondoc (createdb dondoc) and fix DATABASE_URL."
    ),
    "db.foreign_force": (
        "{message} (To add dondoc's tables to it anyway: dondoc db upgrade --force.)"
    ),
    "db.newer": (
        "The database is at schema revision {revision}, newer than this dondoc knows ({head}): "
        "install a newer dondoc. dondoc never downgrades a database."
    ),
    "db.upgraded": "The database is up to date.",
    "channel.rejected": (
        "The {channel} server rejected the token or has no such API address: check "
        "{token_variable} and {url_variable}."
    ),
    "channel.unavailable": (
        "Cannot connect the {channel} channel: check the network, {token_variable} and "
        "{url_variable}."
    ),
}

VI |= {
    "health.ok": "ổn",
    "health.starting": "đang khởi động",
    "health.database_down": "không truy cập được cơ sở dữ liệu: {reason}",
    "health.channel_down": "không nhận tin (polling đã dừng hoặc webhook chưa đặt)",
    "health.sweep_late": "lượt nhắc việc gần nhất cách đây {seconds} giây (quá 2 × {interval} giây)",
    "health.not_running": "không có tiến trình dondoc run trả lời ở {listen}",
    "health.title_ready": "Sẵn sàng",
    "health.title_not_ready": "Chưa sẵn sàng",
    "health.channel_elsewhere": "một tiến trình dondoc run khác đang nhận tin của bot này",
    "health.bot_missing": "bot của “{committee}” không chạy: biến {variable} {problem}",
    "bots.missing": (
        "Cấp ủy/cơ quan “{committee}”: biến {variable} {problem} — bot của cấp ủy/cơ quan này "
        "không chạy, các bot khác vẫn chạy."
    ),
    "bots.unset": "chưa đặt",
    "bots.malformed": "không đúng dạng token",
}
EN |= {
    "health.ok": "ok",
    "health.starting": "starting",
    "health.database_down": "database unreachable: {reason}",
    "health.channel_down": "not receiving (polling stopped or webhook not set)",
    "health.sweep_late": "last reminder sweep {seconds} s ago (more than 2 × {interval} s)",
    "health.not_running": "no dondoc run process answers at {listen}",
    "health.title_ready": "Ready",
    "health.title_not_ready": "Not ready",
    "health.channel_elsewhere": "another dondoc run process receives this bot's updates",
    "health.bot_missing": "the bot of “{committee}” is not running: variable {variable} {problem}",
    "bots.missing": (
        "Committee “{committee}”: variable {variable} {problem} — its bot is not running, the "
        "other bots are."
    ),
    "bots.unset": "is not set",
    "bots.malformed": "does not hold a token",
}

VI |= {
    "transfer.target_not_empty": (
        "Cơ sở dữ liệu đích đã có dữ liệu (bảng {tables}): chỉ khôi phục hoặc sao chép vào một "
        "cơ sở dữ liệu trống."
    ),
    "transfer.count_mismatch": (
        "Sao chép không khớp ở bảng {table}: nguồn {expected} dòng, đích {found} dòng; đã hủy, "
        "đích không thay đổi."
    ),
    "transfer.same_database": "Nguồn và đích là cùng một cơ sở dữ liệu: chọn một địa chỉ --to khác.",
    "backup.exists": "Tệp “{path}” đã có: chọn tên khác (dondoc không ghi đè bản sao lưu).",
    "backup.cannot_write": "Không tạo được tệp “{path}” ({reason}): kiểm tra thư mục và quyền ghi.",
    "backup.cannot_read": "Không đọc được tệp “{path}” ({reason}).",
    "backup.unknown_format": "Tệp “{path}” không phải bản sao lưu của dondoc.",
    "backup.other_revision": (
        "Bản sao lưu ở phiên bản lược đồ {revision}, bản dondoc này ở {head}: khôi phục bằng đúng "
        "phiên bản dondoc đã tạo ra nó, rồi nâng cấp."
    ),
    "backup.done": "Đã sao lưu {rows} dòng ({tables} bảng) vào {path}.",
    "restore.done": "Đã khôi phục {rows} dòng ({tables} bảng) từ {path}.",
    "copy.done": "Đã sao chép {rows} dòng ({tables} bảng) sang {target}; số dòng từng bảng đã khớp.",
}
EN |= {
    "transfer.target_not_empty": (
        "The target database already holds data (tables {tables}): restore or copy only into an "
        "empty database."
    ),
    "transfer.count_mismatch": (
        "Copy mismatch in table {table}: source {expected} rows, target {found}; rolled back, the "
        "target is unchanged."
    ),
    "transfer.same_database": "Source and target are the same database: choose another --to.",
    "backup.exists": "“{path}” already exists: choose another name (dondoc never overwrites a backup).",
    "backup.cannot_write": "Cannot create “{path}” ({reason}): check the directory and permissions.",
    "backup.cannot_read": "Cannot read “{path}” ({reason}).",
    "backup.unknown_format": "“{path}” is not a dondoc backup.",
    "backup.other_revision": (
        "The backup is at schema revision {revision}, this dondoc at {head}: restore it with the "
        "dondoc version that made it, then upgrade."
    ),
    "backup.done": "Backed up {rows} rows ({tables} tables) to {path}.",
    "restore.done": "Restored {rows} rows ({tables} tables) from {path}.",
    "copy.done": "Copied {rows} rows ({tables} tables) to {target}; every table's count matches.",
}
