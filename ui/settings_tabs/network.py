"""Settings → Network: proxy, IT's certificate authority, timeouts and the largest feed."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ui.settings_tabs.form import SettingsTab, decimal_box


class NetworkTab(SettingsTab):
    def __init__(self) -> None:
        super().__init__(self.tr("Network"))
        form = QFormLayout()
        self.column.addLayout(form)
        self.proxy = QLineEdit()
        self.proxy.setObjectName("proxy")
        self.proxy.setPlaceholderText(self.tr("From the system (HTTPS_PROXY), or none"))
        self.add(form, "proxy", self.tr("&Proxy:"), self.proxy,
                 lambda: self.proxy.text().strip() or None,
                 lambda v: self.proxy.setText(v or ""),
                 self.tr("e.g. http://proxy.example:8080"))

        self.ca_bundle = QLineEdit()
        self.ca_bundle.setObjectName("ca_bundle")
        self.ca_bundle.setPlaceholderText(self.tr("The system's certificates"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse_ca_bundle)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.ca_bundle, 1)
        line.addWidget(browse)
        self.add(form, "ca_bundle", self.tr("CA &certificates:"), row,
                 lambda: self.ca_bundle.text().strip() or None,
                 lambda v: self.ca_bundle.setText(v or ""),
                 self.tr("Only where IT inspects TLS with its own certificate authority."))

        self.connect_timeout = decimal_box(1, 300, self.tr(" s"))
        self.add(form, "connect_timeout", self.tr("Connect timeout:"), self.connect_timeout,
                 self.connect_timeout.value, lambda v: self.connect_timeout.setValue(float(v)))
        self.read_timeout = decimal_box(1, 600, self.tr(" s"))
        self.add(form, "read_timeout", self.tr("Read timeout:"), self.read_timeout,
                 self.read_timeout.value, lambda v: self.read_timeout.setValue(float(v)),
                 self.tr("The longest wait between two pieces of a download."))
        self.fetch_deadline = decimal_box(1, 3600, self.tr(" s"))
        self.add(form, "fetch_deadline", self.tr("Longest download:"), self.fetch_deadline,
                 self.fetch_deadline.value, lambda v: self.fetch_deadline.setValue(float(v)))
        self.max_body = decimal_box(1, 1024, self.tr(" MiB"))
        self.add(form, "max_body_mib", self.tr("Largest feed:"), self.max_body,
                 self.max_body.value, lambda v: self.max_body.setValue(float(v)))
        self.column.addStretch()

    def _browse_ca_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificates"), self.ca_bundle.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_bundle.setText(path)
