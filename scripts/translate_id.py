"""Fill locale/id/LC_MESSAGES/django.po from the table below (English source → Bahasa Indonesia).

Run after `manage.py makemessages -l id`; strings missing here are listed so that none is forgotten."""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES" / "django.po"

ID = {
    # --- consultation pages (chat/consultation_pages.py, templates/chat/consultation_*.html) ---
    "Ask a question": "Ajukan pertanyaan",
    "Ask an officer of the Disnaker office about your rights and obligations at work, before or instead of filing "
    "a dispute. An officer takes your question and answers you in a chat room. Consultation is free.":
        "Tanyakan kepada petugas Disnaker tentang hak dan kewajiban Anda dalam hubungan kerja, sebelum atau tanpa "
        "mengajukan perselisihan. Petugas akan mengambil pertanyaan Anda dan menjawabnya di ruang percakapan. "
        "Konsultasi tidak dipungut biaya.",
    "Your questions": "Pertanyaan Anda",
    "Topic": "Topik",
    "Asked": "Diajukan",
    "Asked by": "Penanya",
    "Claimed by": "Ditangani oleh",
    "You have not asked anything yet.": "Anda belum mengajukan pertanyaan.",
    "Send the question": "Kirim pertanyaan",
    "Which office do you want to ask?": "Kantor Disnaker mana yang ingin Anda tanya?",
    "The Disnaker office of the regency or city where you work or where the company is.":
        "Disnaker kabupaten/kota tempat Anda bekerja atau tempat perusahaan berada.",
    "In a few words, for example: overtime pay, contract ended, severance.":
        "Dalam beberapa kata, misalnya: upah lembur, kontrak berakhir, pesangon.",
    "Your question": "Pertanyaan Anda",
    "Describe your situation and what you want to know. Do not write passwords or your full NIK.":
        "Jelaskan keadaan Anda dan apa yang ingin Anda ketahui. Jangan menuliskan kata sandi atau NIK lengkap Anda.",
    "Workers and companies ask the Disnaker office their questions here, and the office's officers answer them. "
    "Your account has neither role, so there is nothing to show you on this page.":
        "Di halaman ini pekerja dan perusahaan mengajukan pertanyaan kepada Disnaker, dan petugas kantor yang "
        "menjawabnya. Akun Anda bukan pekerja atau perusahaan, sehingga tidak ada yang dapat ditampilkan untuk Anda "
        "di halaman ini.",
    "Back to your home page": "Kembali ke beranda Anda",
    "Questions from workers and companies to this office. Take one to answer it in its room; the oldest waiting "
    "question is first.":
        "Pertanyaan dari pekerja dan perusahaan kepada kantor ini. Ambil pertanyaan untuk menjawabnya di ruang "
        "percakapannya; pertanyaan yang paling lama menunggu berada di urutan teratas.",
    "Waiting for an officer": "Menunggu petugas",
    "Waiting": "Lama menunggu",
    "Take this question": "Ambil pertanyaan ini",
    "No question is waiting.": "Tidak ada pertanyaan yang menunggu.",
    "Being answered": "Sedang dijawab",
    "Open the room": "Buka ruang percakapan",
    "Recently closed": "Baru ditutup",
    "Question": "Pertanyaan",
    "Close the consultation": "Tutup konsultasi",
    "Your question is waiting for an officer. You can already add details in the room below.":
        "Pertanyaan Anda sedang menunggu petugas. Anda sudah dapat menambahkan keterangan di ruang percakapan di "
        "bawah.",
    "Conversation": "Percakapan",
    "This consultation is closed; the conversation stays readable here.":
        "Konsultasi ini sudah ditutup; percakapannya tetap dapat dibaca di sini.",
    "Turn this into a dispute": "Jadikan perselisihan",
    "If the consultation shows that you have a dispute with your employer, start filing it here. Your topic and "
    "question become the summary of a draft dispute; then you choose the type, tell what happened and what you ask "
    "for, and submit it when you are ready.":
        "Jika dari konsultasi ini ternyata Anda berselisih dengan pemberi kerja, mulailah pengajuannya di sini. Topik "
        "dan pertanyaan Anda menjadi ringkasan draf perselisihan; selanjutnya Anda memilih jenisnya, menceritakan "
        "kejadiannya dan tuntutan Anda, lalu mengajukannya bila sudah siap.",
    "Start the draft dispute": "Buat draf perselisihan",
    "less than a minute": "kurang dari satu menit",
    "waiting %(time)s": "menunggu %(time)s",
    "claimed after %(time)s": "ditangani setelah menunggu %(time)s",
    "Your question was sent to %(office)s. An officer will answer here.":
        "Pertanyaan Anda sudah dikirim ke %(office)s. Petugas akan menjawabnya di sini.",
    "You took this question. Answer it in the room below.":
        "Anda mengambil pertanyaan ini. Jawablah di ruang percakapan di bawah.",
    "The consultation is closed.": "Konsultasi sudah ditutup.",
    "A draft dispute was started with your consultation as its summary. Choose the type of dispute to continue.":
        "Draf perselisihan sudah dibuat dengan konsultasi Anda sebagai ringkasannya. Pilih jenis perselisihan untuk "
        "melanjutkan.",
    "Only the worker who asked can turn this consultation into a dispute.":
        "Hanya pekerja yang bertanya yang dapat menjadikan konsultasi ini perselisihan.",
    "This consultation has already been turned into a dispute; here it is. A consultation becomes one dispute "
    "only.":
        "Konsultasi ini sudah dijadikan perselisihan; inilah perselisihannya. Satu konsultasi hanya dapat menjadi "
        "satu perselisihan.",
    "Dispute": "Perselisihan",
    "This consultation became dispute %(number)s.": "Konsultasi ini sudah menjadi perselisihan %(number)s.",
    "This consultation became a draft dispute.": "Konsultasi ini sudah menjadi draf perselisihan.",
    "Open the dispute": "Buka perselisihan",
    # --- mediation pages: meetings, sessions, summons, the recommendation, the session console ---
    "Date and time of the meeting": "Tanggal dan jam perundingan",
    "In WIB (Western Indonesia Time).": "Dalam WIB (Waktu Indonesia Barat).",
    "The meeting was held online": "Perundingan diadakan secara daring",
    "Place": "Tempat",
    "Leave empty if the meeting was held online.": "Kosongkan jika perundingan diadakan secara daring.",
    "The issue discussed": "Masalah yang dirundingkan",
    "The worker's position": "Pendapat pihak pekerja",
    "The company's position": "Pendapat pihak perusahaan",
    "Result": "Hasil perundingan",
    "What was agreed, or that no agreement was reached.": "Hal yang disepakati, atau bahwa tidak tercapai kesepakatan.",
    "The meeting cannot be in the future.": "Tanggal perundingan tidak boleh di masa mendatang.",
    "Give the place, or tick that the meeting was held online.":
        "Sebutkan tempatnya, atau centang bahwa perundingan diadakan secara daring.",
    "Kind of session": "Jenis sidang",
    "Date and time": "Tanggal dan jam",
    "Agenda": "Agenda",
    "Printed in the summons: the purpose, the place or the link of an online session, and the documents to bring.":
        "Dicantumkan dalam surat panggilan: maksud sidang, tempat atau tautan sidang daring, dan dokumen yang perlu "
        "dibawa.",
    "For example the reason given for an absence, or who came as proxy.":
        "Misalnya alasan ketidakhadiran, atau siapa yang hadir sebagai kuasa.",
    "The minutes were recorded. Each side now signs them.":
        "Risalah sudah dicatat. Sekarang setiap pihak menandatanganinya.",
    "You signed the minutes.": "Anda sudah menandatangani risalah.",
    "The session was scheduled and both parties were summoned.":
        "Sidang sudah dijadwalkan dan kedua pihak sudah dipanggil.",
    "Receipt of the summons was recorded.": "Tanda terima surat panggilan sudah dicatat.",
    "Attendance was recorded.": "Kehadiran sudah dicatat.",
    "Receipt of the recommendation was recorded.": "Tanda terima anjuran sudah dicatat.",
    "%(room)s is paused: only you can post.": "%(room)s dijeda: hanya Anda yang dapat mengirim pesan.",
    "%(room)s is open again.": "%(room)s dibuka kembali.",
    "Bipartite meetings": "Perundingan bipartit",
    "Meeting %(n)s": "Perundingan ke-%(n)s",
    "Online": "Daring",
    "signed by %(who)s on %(at)s WIB": "ditandatangani oleh %(who)s pada %(at)s WIB",
    "not signed yet": "belum ditandatangani",
    "Sign the minutes": "Tandatangani risalah",
    "No meeting has been recorded yet.": "Belum ada risalah perundingan yang dicatat.",
    "Record a meeting": "Catat perundingan",
    "Write down what was said at a bipartite meeting. Both sides then sign the minutes; signed minutes are the "
    "proof needed to register the dispute.":
        "Tuliskan jalannya perundingan bipartit. Setelah itu kedua pihak menandatangani risalahnya; risalah yang "
        "sudah ditandatangani menjadi bukti yang diperlukan untuk mencatatkan perselisihan.",
    "Record the minutes": "Simpan risalah",
    "Mediation sessions": "Sidang mediasi",
    "Summons no. %(n)s": "Surat panggilan ke-%(n)s",
    "Receipt acknowledged": "Tanda terima dikonfirmasi",
    "receipt not acknowledged yet": "tanda terima belum dikonfirmasi",
    "Acknowledge receipt": "Konfirmasi tanda terima",
    "Acknowledge each summons when you have read it: the time of your acknowledgement is the proof that you were "
    "summoned.":
        "Konfirmasikan tanda terima setiap surat panggilan setelah Anda membacanya: waktu konfirmasi Anda menjadi "
        "bukti bahwa Anda sudah dipanggil.",
    "Attendance": "Kehadiran",
    "Record attendance": "Catat kehadiran",
    "No session has been scheduled yet.": "Belum ada sidang yang dijadwalkan.",
    "Schedule a session": "Jadwalkan sidang",
    "Each party receives a numbered summons at once, by notification and e-mail.":
        "Setiap pihak langsung menerima surat panggilan bernomor melalui notifikasi dan surel.",
    "Schedule and send the summons": "Jadwalkan dan kirim surat panggilan",
    "Issued on %(at)s WIB by %(who)s": "Diterbitkan pada %(at)s WIB oleh %(who)s",
    "Recommendations": "Anjuran",
    "Acknowledge receipt of the recommendation": "Konfirmasi tanda terima anjuran",
    "Answers": "Jawaban",
    "rejected by silence (no answer within 10 working days)": "dianggap menolak (tidak menjawab dalam 10 hari kerja)",
    "accepts": "menyetujui",
    "rejects": "menolak",
    "no answer yet": "belum menjawab",
    "Session console": "Ruang sidang",
    "Back to the dispute": "Kembali ke perselisihan",
    "Session": "Sidang",
    "new messages": "pesan baru",
    "Mediation rooms": "Ruang mediasi",
    "paused": "dijeda",
    "nobody else online": "tidak ada orang lain yang daring",
    "Paused: only you can post.": "Dijeda: hanya Anda yang dapat mengirim pesan.",
    "Resume the room": "Lanjutkan ruang",
    "Pause the room": "Jeda ruang",
    "Open this room on its own page": "Buka ruang ini di halaman tersendiri",
    "The mediation rooms open when the dispute is delegated to you.":
        "Ruang mediasi dibuka setelah perselisihan dilimpahkan kepada Anda.",
    # guide (/panduan/) and severance calculator page (/kalkulator-pesangon/)
    "The four types of dispute": "Empat jenis perselisihan",
    "Rights, interests, termination (PHK) and disputes between unions: what each means and which routes it may "
    "take.":
        "Perselisihan hak, kepentingan, pemutusan hubungan kerja (PHK), dan antar serikat pekerja: artinya dan "
        "jalur penyelesaian yang dapat ditempuh.",
    "Stages and deadlines": "Tahapan dan tenggat",
    "From bipartite negotiation to mediation and the industrial relations court, with the working-day limits of "
    "each stage.":
        "Dari perundingan bipartit sampai mediasi dan Pengadilan Hubungan Industrial, beserta batas waktu setiap "
        "tahap dalam hari kerja.",
    "Mediation, the recommendation and the agreement": "Mediasi, anjuran, dan Perjanjian Bersama",
    "Summons, sessions, what happens if someone does not come, answering the written recommendation (anjuran) "
    "and signing the joint agreement.":
        "Surat panggilan, sidang, akibat jika tidak hadir, menjawab anjuran tertulis, dan menandatangani "
        "Perjanjian Bersama.",
    "What to bring": "Dokumen yang perlu disiapkan",
    "A checklist of documents for registering a dispute and for mediation sessions.":
        "Daftar periksa dokumen untuk mencatatkan perselisihan dan untuk sidang mediasi.",
    "Your rights at termination (PHK)": "Hak Anda saat PHK",
    "Notice and the right to refuse, severance pay (UP), long-service pay (UPMK), compensation of rights (UPH) "
    "and how much the reason of the termination changes them.":
        "Pemberitahuan dan hak menolak, uang pesangon (UP), uang penghargaan masa kerja (UPMK), uang penggantian "
        "hak (UPH), serta pengaruh alasan PHK terhadap besarnya.",
    "Search: %(query)s": "Pencarian: %(query)s",
    "Guide to industrial-relations disputes": "Panduan perselisihan hubungan industrial",
    "Plain-language explanations of your rights and of each step of a dispute, with the articles of the law they "
    "come from.":
        "Penjelasan dengan bahasa sederhana tentang hak Anda dan setiap tahap perselisihan, beserta pasal "
        "peraturan yang menjadi dasarnya.",
    "Search the guide": "Cari di panduan",
    "Search": "Cari",
    "For example: anjuran, pesangon, mediation, deadline.": "Contoh: anjuran, pesangon, mediasi, tenggat.",
    "Articles containing \"%(query)s\": %(n)s": "Artikel yang memuat \"%(query)s\": %(n)s",
    "No article contains all of these words. Try fewer or other words, or ask an officer.":
        "Tidak ada artikel yang memuat semua kata ini. Coba lebih sedikit kata atau kata lain, atau tanyakan "
        "kepada petugas.",
    "Show all topics": "Tampilkan semua topik",
    "Topics": "Topik",
    "What you can do next": "Langkah selanjutnya",
    "Ask an officer (consultation)": "Tanyakan kepada petugas (konsultasi)",
    "This guide explains the rules in general; it is not legal advice for your case. The officers of the Disnaker "
    "office can answer questions about your situation.":
        "Panduan ini menjelaskan aturan secara umum dan bukan nasihat hukum untuk perkara Anda. Petugas Dinas "
        "Tenaga Kerja dapat menjawab pertanyaan tentang keadaan Anda.",
    "Breadcrumb": "Jejak navigasi",
    "Other topics": "Topik lain",
    "Merger, consolidation or split of the company; the worker will not continue or the employer will not take "
    "the worker on":
        "Penggabungan, peleburan, atau pemisahan perusahaan; pekerja tidak bersedia melanjutkan hubungan kerja "
        "atau pengusaha tidak bersedia menerima pekerja",
    "Takeover of the company": "Pengambilalihan perusahaan",
    "Takeover that changes working conditions; the worker will not continue":
        "Pengambilalihan yang mengubah syarat kerja; pekerja tidak bersedia melanjutkan hubungan kerja",
    "Efficiency measures because the company is making losses": "Efisiensi karena perusahaan mengalami kerugian",
    "Efficiency measures to prevent losses": "Efisiensi untuk mencegah terjadinya kerugian",
    "The company closes after 2 years of losses (continuous or not)":
        "Perusahaan tutup karena mengalami kerugian selama 2 tahun (terus-menerus atau tidak)",
    "The company closes, not because of losses": "Perusahaan tutup bukan karena mengalami kerugian",
    "The company closes because of force majeure": "Perusahaan tutup karena keadaan memaksa (force majeure)",
    "Force majeure that does not close the company":
        "Keadaan memaksa (force majeure) yang tidak mengakibatkan perusahaan tutup",
    "Debt moratorium (PKPU) because the company is making losses":
        "Penundaan kewajiban pembayaran utang (PKPU) karena perusahaan mengalami kerugian",
    "Debt moratorium (PKPU) not caused by losses":
        "Penundaan kewajiban pembayaran utang (PKPU) bukan karena perusahaan mengalami kerugian",
    "The company is declared bankrupt (pailit)": "Perusahaan pailit",
    "The worker asks for termination because the employer did something prohibited (abuse, wages unpaid for 3 "
    "months or more, and so on)":
        "Permohonan PHK oleh pekerja karena pengusaha melakukan perbuatan yang dilarang (menganiaya, tidak "
        "membayar upah 3 bulan atau lebih, dan sebagainya)",
    "The dispute body rules that the employer did not do the prohibited act the worker alleged":
        "Lembaga penyelesaian perselisihan memutuskan pengusaha tidak melakukan perbuatan yang dilarang seperti "
        "yang didalilkan pekerja",
    "The worker resigns voluntarily": "Pekerja mengundurkan diri atas kemauan sendiri",
    "Absent 5 or more working days without a written explanation and evidence, after 2 proper summonses":
        "Mangkir 5 hari kerja atau lebih tanpa keterangan tertulis dan bukti yang sah, setelah dipanggil "
        "2 kali secara patut",
    "Breach of the employment contract, company regulation or collective agreement after the first, second and "
    "third warning letters":
        "Melanggar perjanjian kerja, peraturan perusahaan, atau perjanjian kerja bersama setelah diberi surat "
        "peringatan pertama, kedua, dan ketiga",
    "An urgent breach as defined in the employment contract, company regulation or collective agreement":
        "Pelanggaran bersifat mendesak yang diatur dalam perjanjian kerja, peraturan perusahaan, atau perjanjian "
        "kerja bersama",
    "Detained by the authorities for 6 months for an alleged crime that causes the company loss":
        "Ditahan pihak berwajib selama 6 bulan karena diduga melakukan tindak pidana yang merugikan perusahaan",
    "Detained by the authorities for 6 months for an alleged crime that causes the company no loss":
        "Ditahan pihak berwajib selama 6 bulan karena diduga melakukan tindak pidana yang tidak merugikan "
        "perusahaan",
    "Long illness or disability from a work accident, more than 12 months":
        "Sakit berkepanjangan atau cacat akibat kecelakaan kerja, lebih dari 12 bulan",
    "Retirement": "Memasuki usia pensiun",
    "Death of the worker (paid to the heirs)": "Pekerja meninggal dunia (dibayarkan kepada ahli waris)",
    "Changes to the company": "Perubahan perusahaan",
    "Losses, closure or bankruptcy": "Kerugian, penutupan, atau kepailitan",
    "The employer's conduct": "Perbuatan pengusaha",
    "The worker's choice or conduct": "Pilihan atau perbuatan pekerja",
    "Illness, retirement or death": "Sakit, pensiun, atau meninggal dunia",
    "Art. %(article)s": "Pasal %(article)s",
    "Art. %(article)s(%(paragraph)s)": "Pasal %(article)s ayat (%(paragraph)s)",
    "Choose the reason for the termination": "Pilih alasan PHK",
    "Reason for the termination": "Alasan PHK",
    "The reason decides the multipliers (PP 35/2021 Art. 41 to 57). If the reason itself is in dispute, calculate "
    "each possibility.":
        "Alasan PHK menentukan pengali (PP 35/2021 Pasal 41 sampai 57). Jika alasannya sendiri diperselisihkan, hitung "
        "setiap kemungkinan.",
    "First day of work": "Tanggal mulai bekerja",
    "As in your employment contract or letter of appointment.": "Sesuai perjanjian kerja atau surat pengangkatan Anda.",
    "Date the employment ends": "Tanggal berakhirnya hubungan kerja",
    "The termination date in the notice, or the planned date.":
        "Tanggal PHK dalam surat pemberitahuan, atau tanggal yang direncanakan.",
    "Monthly wage: basic wage plus fixed allowances (Rp)": "Upah sebulan: upah pokok ditambah tunjangan tetap (Rp)",
    "Fixed allowances are paid the same every month whatever your attendance, such as a position or family "
    "allowance; leave out overtime and meal or transport money that depends on attendance. Daily-paid: 30 times "
    "the daily wage. Piece-rate: the average of the last 12 months, at least the minimum wage.":
        "Tunjangan tetap dibayar sama setiap bulan tanpa bergantung pada kehadiran, misalnya tunjangan jabatan "
        "atau tunjangan keluarga; jangan masukkan upah lembur serta uang makan atau transpor yang bergantung pada "
        "kehadiran. Pekerja harian: 30 kali upah sehari. Pekerja borongan: rata-rata upah 12 bulan terakhir, paling "
        "sedikit upah minimum.",
    "Annual leave days not yet taken": "Sisa hari cuti tahunan yang belum diambil",
    "Leave not yet taken and not yet forfeited; 0 if none.":
        "Cuti yang belum diambil dan belum gugur; isi 0 jika tidak ada.",
    "Working days per week": "Hari kerja dalam seminggu",
    "5 days a week": "5 hari seminggu",
    "6 days a week": "6 hari seminggu",
    "Used for the value of one day of leave: the monthly wage divided by 21 for a 5-day week, or by 25 for a "
    "6-day week (PP 36/2021 Art. 17).":
        "Dipakai untuk menghitung nilai satu hari cuti: upah sebulan dibagi 21 untuk 5 hari kerja seminggu, atau "
        "dibagi 25 untuk 6 hari kerja seminggu (PP 36/2021 Pasal 17).",
    "Severance calculator": "Kalkulator pesangon",
    "Work out the minimum a permanent worker must receive when the employment ends (PHK), under PP 35/2021: "
    "severance pay (UP), long-service pay (UPMK) and the pay for unused annual leave (UPH). Nothing you type is "
    "stored.":
        "Hitung jumlah minimum yang wajib diterima pekerja tetap saat hubungan kerja berakhir (PHK) menurut "
        "PP 35/2021: uang pesangon (UP), uang penghargaan masa kerja (UPMK), dan penggantian cuti tahunan yang "
        "belum diambil (UPH). Data yang Anda isi tidak disimpan.",
    "Statutory minimum": "Batas minimum menurut peraturan",
    "Length of service": "Masa kerja",
    "Monthly wage": "Upah sebulan",
    "How the statutory minimum is made up": "Rincian batas minimum menurut peraturan",
    "Component": "Komponen",
    "Calculation": "Perhitungan",
    "Amount": "Jumlah",
    "Severance pay (UP)": "Uang pesangon (UP)",
    "multiplier %(m)s": "pengali %(m)s",
    "%(b)s months' wages": "%(b)s bulan upah",
    "Long-service pay (UPMK)": "Uang penghargaan masa kerja (UPMK)",
    "Unused annual leave (UPH)": "Cuti tahunan yang belum diambil (UPH)",
    "%(d)s days": "%(d)s hari",
    "daily wage %(w)s": "upah sehari %(w)s",
    "Total: statutory minimum": "Jumlah: batas minimum menurut peraturan",
    "This is the minimum the law requires, not necessarily the whole amount owed.":
        "Ini jumlah paling sedikit yang diwajibkan peraturan, belum tentu seluruh jumlah yang menjadi hak Anda.",
    "Legal basis": "Dasar hukum",
    "Your rights at termination": "Hak Anda saat PHK",
    "Calculate again": "Hitung lagi",
    "Calculate": "Hitung",
    "What this calculator does not include": "Yang tidak dihitung oleh kalkulator ini",
    "Separation pay (uang pisah), the cost of returning home and other rights set by the employment contract, "
    "company regulation or collective agreement.":
        "Uang pisah, ongkos pulang, dan hak lain yang diatur dalam perjanjian kerja, peraturan perusahaan, atau "
        "perjanjian kerja bersama.",
    "Income tax (PPh 21) and any offset of the employer's pension contributions (PP 35/2021 Art. 58).":
        "Pajak penghasilan (PPh 21) dan perhitungan iuran program pensiun yang dibayar pengusaha (PP 35/2021 "
        "Pasal 58).",
    "Compensation at the end of a fixed-term contract (PKWT).":
        "Uang kompensasi saat perjanjian kerja waktu tertentu (PKWT) berakhir.",
    "Read more about your rights at termination": "Baca lebih lanjut tentang hak Anda saat PHK",
    # end guide and severance calculator page
    # reports: office statistics, dashboard and register
    "Agreement registered at %(court)s, deed %(akta)s": "Perjanjian Bersama didaftarkan di %(court)s, akta %(akta)s",
    "Bipartite ended on": "Tanggal bipartit berakhir",
    "Bipartite started on": "Tanggal bipartit dimulai",
    "Closed on": "Tanggal selesai",
    "Collective: %(n)s workers": "Kolektif: %(n)s pekerja",
    "Company (respondent)": "Perusahaan (termohon)",
    "Company NIB": "NIB perusahaan",
    "Delegated to the mediator on": "Tanggal pelimpahan ke mediator",
    "Disputes filed in %(year)s by stage": "Perselisihan yang diajukan pada %(year)s menurut tahap",
    "Disputes filed in %(year)s by status": "Perselisihan yang diajukan pada %(year)s menurut status",
    "Disputes filed in %(year)s by type": "Perselisihan yang diajukan pada %(year)s menurut jenis",
    "Disputes": "Perselisihan",
    "Ended": "Berakhir",
    "Filed and ended per month in %(year)s": "Perselisihan masuk dan berakhir per bulan pada %(year)s",
    "Filed on": "Tanggal pengajuan",
    "Filed": "Diajukan",
    "In progress: %(state)s": "Dalam proses: %(state)s",
    "Month": "Bulan",
    "Must be a year from %(min)s to %(max)s.": "Harus tahun antara %(min)s dan %(max)s.",
    "No data.": "Tidak ada data.",
    "No.": "No.",
    "Notes": "Catatan",
    "Office": "Kantor",
    "Only the office's officers and mediators may see its reports.":
        "Hanya petugas dan mediator kantor yang dapat melihat laporannya.",
    "Open cases per mediator (today)": "Perkara berjalan per mediator (hari ini)",
    "Open cases": "Perkara berjalan",
    "Outcome": "Hasil",
    "Outcomes of the disputes that ended in %(year)s": "Hasil perselisihan yang berakhir pada %(year)s",
    "Recommendation deemed rejected: no answer in time from %(side)s":
        "Anjuran dianggap ditolak: %(side)s tidak menjawab dalam tenggat",
    "Recommendation issued on": "Tanggal anjuran diterbitkan",
    "Recommendation rejected by %(side)s": "Anjuran ditolak oleh %(side)s",
    "Register %(year)s": "Registrasi %(year)s",
    "Registration accepted on": "Tanggal pencatatan diterima",
    "Registration number": "Nomor registrasi",
    "Registration submitted on": "Tanggal pencatatan diajukan",
    "Stage": "Tahap",
    "Status": "Status",
    "Struck off: the petitioner was absent after three summonses":
        "Dicoret: pekerja tidak hadir setelah tiga kali dipanggil",
    "Total": "Jumlah",
    "Type of dispute": "Jenis perselisihan",
    "Type": "Jenis",
    "Unknown office.": "Kantor tidak dikenal.",
    "Why bipartite failed": "Alasan bipartit gagal",
    "Worker (petitioner)": "Pekerja (pemohon)",
    "You may only see your own office's reports.": "Anda hanya dapat melihat laporan kantor Anda sendiri.",
    "the company (respondent)": "pihak perusahaan (termohon)",
    "the worker (petitioner)": "pihak pekerja (pemohon)",
    "Agreement": "Perjanjian",
    "Registration": "Pencatatan",
    "The register of disputes registered in %(year)s (buku registrasi perselisihan):":
        "Buku registrasi perselisihan yang dicatat pada tahun %(year)s:",
    "Year %(year)s": "Tahun %(year)s",
    "Data table": "Tabel data",
    "Action": "Tindakan",
    "Download CSV": "Unduh CSV",
    "Download Excel (XLSX)": "Unduh Excel (XLSX)",
    ("Filed disputes count in the year they were submitted, ended ones in the year they ended. Working days to "
     "close run from filing to the end, without weekends, national holidays and cuti bersama."):
        ("Perselisihan yang diajukan dihitung pada tahun pengajuannya, yang berakhir pada tahun berakhirnya. Hari "
         "kerja hingga selesai dihitung sejak pengajuan sampai berakhir, tanpa akhir pekan, hari libur nasional "
         "dan cuti bersama."),
    "Median working days to close": "Median hari kerja hingga selesai",
    "No disputes to show.": "Belum ada perselisihan untuk ditampilkan.",
    "Office register": "Buku registrasi kantor",
    "Office statistics": "Statistik kantor",
    "Overdue deadlines (today)": "Tenggat terlewati (hari ini)",
    "Show": "Tampilkan",
    "Summary": "Ringkasan",
    "Year": "Tahun",
    # --- notices: e-mail outbox, transition/summons/reminder e-mails, recommendation receipt, document check ---
    "Waiting to be sent": "Menunggu dikirim",
    "Sent": "Terkirim",
    "Given up": "Dihentikan",
    "answering the invitation to bipartite negotiation": "menjawab undangan perundingan bipartit",
    "the bipartite negotiation": "perundingan bipartit",
    "checking the registration": "pemeriksaan kelengkapan pencatatan",
    "choosing the settlement route": "memilih cara penyelesaian",
    "holding the first mediation session": "sidang mediasi pertama",
    "completing the mediation": "penyelesaian mediasi",
    "issuing the written recommendation": "penerbitan anjuran tertulis",
    "answering the written recommendation": "menjawab anjuran tertulis",
    "signing the joint agreement": "penandatanganan perjanjian bersama",
    "A worker has filed an industrial-relations dispute against your company and invites you to bipartite "
    "negotiation. Answer the invitation on SIKHI: accept it, or decline it with your reasons.":
        "Seorang pekerja mengajukan perselisihan hubungan industrial terhadap perusahaan Anda dan mengundang Anda "
        "ke perundingan bipartit. Tanggapi undangan ini di SIKHI: terima, atau tolak dengan menyebutkan alasannya.",
    "Bipartite negotiation is under way. Negotiate with the other party, record the minutes of each meeting on "
    "SIKHI and sign them. You may propose an agreement or, after a recorded meeting, declare that the "
    "negotiation has failed.":
        "Perundingan bipartit sedang berlangsung. Berundinglah dengan pihak lain, catat risalah setiap pertemuan di "
        "SIKHI, lalu tanda tangani. Anda dapat mengusulkan kesepakatan atau, setelah ada pertemuan yang tercatat, "
        "menyatakan perundingan gagal.",
    "Bipartite negotiation has ended without agreement. You may now register the dispute with the manpower "
    "office on SIKHI.":
        "Perundingan bipartit berakhir tanpa kesepakatan. Sekarang Anda dapat mencatatkan perselisihan ini ke "
        "dinas tenaga kerja melalui SIKHI.",
    "A dispute has been registered with your office. Check that the registration is complete, then accept it "
    "or return it listing the missing items.":
        "Sebuah perselisihan dicatatkan ke kantor Anda. Periksa kelengkapan pencatatan, lalu terima atau "
        "kembalikan dengan menyebutkan kekurangannya.",
    "The office has returned your registration as incomplete. Complete the missing items listed below and "
    "submit the registration again.":
        "Dinas mengembalikan pencatatan Anda karena belum lengkap. Lengkapi kekurangan yang tercantum di bawah ini "
        "dan ajukan kembali pencatatan.",
    "The dispute has been registered. Choose how to settle it: mediation, conciliation or arbitration. Without "
    "a choice in time, the dispute goes to mediation.":
        "Perselisihan telah diregistrasi. Pilih cara penyelesaiannya: mediasi, konsiliasi, atau arbitrase. Jika "
        "tidak ada pilihan dalam batas waktu, perselisihan diselesaikan melalui mediasi.",
    "The dispute goes to mediation. Delegate it to a mediator of your office.":
        "Perselisihan ini diselesaikan melalui mediasi. Limpahkan kepada seorang mediator di kantor Anda.",
    "You lead the mediation of this dispute. Schedule the sessions (the summons go to the parties from SIKHI), "
    "then help the parties reach an agreement or issue a written recommendation.":
        "Anda memimpin mediasi perselisihan ini. Jadwalkan sidang (surat panggilan dikirim kepada para pihak "
        "melalui SIKHI), lalu bantu para pihak mencapai kesepakatan atau terbitkan anjuran tertulis.",
    "The mediator has issued a written recommendation. Read it on SIKHI, confirm that you have received it, and "
    "answer it: accept it, or reject it with your reasons. No answer in time counts as a rejection.":
        "Mediator telah menerbitkan anjuran tertulis. Bacalah di SIKHI, konfirmasikan bahwa Anda telah "
        "menerimanya, lalu berikan jawaban: terima, atau tolak dengan menyebutkan alasannya. Jika tidak menjawab "
        "dalam batas waktu, Anda dianggap menolak.",
    "The terms of a joint agreement are ready. Read them on SIKHI and sign them, or reject them with your "
    "reasons.":
        "Rancangan perjanjian bersama sudah siap. Bacalah di SIKHI, lalu tanda tangani, atau tolak dengan "
        "menyebutkan alasannya.",
    "The terms of a joint agreement are ready. Check them on SIKHI and sign the agreement as witness.":
        "Rancangan perjanjian bersama sudah siap. Periksa isinya di SIKHI dan tanda tangani perjanjian sebagai "
        "saksi.",
    "Dispute %(number)s: the deadline for %(what)s ends on %(date)s":
        "Perselisihan %(number)s: tenggat %(what)s berakhir pada %(date)s",
    "Open the dispute on SIKHI": "Buka perselisihan di SIKHI",
    "Or copy this address into your browser:": "Atau salin alamat ini ke peramban Anda:",
    "This e-mail was sent automatically by SIKHI, the online settlement of industrial-relations disputes. "
    "Please do not reply to it.":
        "Surel ini dikirim otomatis oleh SIKHI, layanan penyelesaian perselisihan hubungan industrial secara "
        "daring. Mohon tidak membalas surel ini.",
    "Invitation to bipartite negotiation, dispute %(number)s":
        "Undangan perundingan bipartit, perselisihan %(number)s",
    "Dear %(respondent)s,": "Yth. %(respondent)s,",
    "A worker has filed an industrial-relations dispute, number %(number)s, against your company through SIKHI "
    "and invites you to bipartite negotiation.":
        "Seorang pekerja mengajukan perselisihan hubungan industrial nomor %(number)s terhadap perusahaan Anda "
        "melalui SIKHI dan mengundang Anda ke perundingan bipartit.",
    "Answer this invitation by %(due)s WIB through:": "Tanggapi undangan ini paling lambat %(due)s WIB melalui:",
    "The link can be used only once. Through it you register your company on SIKHI (or sign in) and answer "
    "the invitation.":
        "Tautan ini hanya dapat dipakai satu kali. Melalui tautan ini Anda mendaftarkan perusahaan di SIKHI (atau "
        "masuk) dan menanggapi undangan.",
    "Invitation to bipartite negotiation": "Undangan perundingan bipartit",
    "Answer the invitation": "Tanggapi undangan",
    "Dear %(name)s,": "Yth. %(name)s,",
    "Dispute %(number)s (%(dispute_type)s: %(petitioner)s and %(respondent)s) is now at this stage: "
    "%(stage)s.":
        "Perselisihan %(number)s (%(dispute_type)s: %(petitioner)s dan %(respondent)s) kini berada pada tahap: "
        "%(stage)s.",
    "Missing items:": "Kekurangan:",
    "Deadline: %(due)s WIB.": "Batas waktu: %(due)s WIB.",
    "Open the dispute on SIKHI:": "Buka perselisihan di SIKHI:",
    # the e-mails of a change of mediator (templates/notices/email/mediator_changed*)
    "Dispute %(number)s: you are now its mediator": "Perselisihan %(number)s: Anda kini mediatornya",
    "Dispute %(number)s: handed to another mediator": "Perselisihan %(number)s: dialihkan ke mediator lain",
    "Dispute %(number)s: your mediator is now %(mediator)s": "Perselisihan %(number)s: mediator Anda kini %(mediator)s",
    "Change of mediator": "Pergantian mediator",
    "The office has assigned dispute %(number)s (%(dispute_type)s: %(petitioner)s and %(respondent)s) to you as "
    "its mediator, in place of %(former)s. The dispute is at this stage: %(stage)s.":
        "Dinas menugaskan Anda sebagai mediator perselisihan %(number)s (%(dispute_type)s: %(petitioner)s dan "
        "%(respondent)s), menggantikan %(former)s. Perselisihan ini kini berada pada tahap: %(stage)s.",
    "Read the file and the history of the case on SIKHI; its rooms are open to you from now on. Continue the "
    "mediation from where it stands.":
        "Pelajari berkas dan riwayat perkaranya di SIKHI; ruang-ruang percakapannya kini terbuka untuk Anda. "
        "Lanjutkan mediasi dari tahap yang sudah dicapai.",
    "Your next deadline: %(due)s WIB.": "Batas waktu Anda berikutnya: %(due)s WIB.",
    "The office has handed dispute %(number)s (%(dispute_type)s: %(petitioner)s and %(respondent)s) to mediator "
    "%(mediator)s. You no longer lead its mediation, and its rooms are closed to you.":
        "Dinas mengalihkan perselisihan %(number)s (%(dispute_type)s: %(petitioner)s dan %(respondent)s) kepada "
        "mediator %(mediator)s. Anda tidak lagi memimpin mediasinya, dan ruang-ruang percakapannya tertutup bagi "
        "Anda.",
    "The office has handed the mediation of dispute %(number)s (%(dispute_type)s: %(petitioner)s and "
    "%(respondent)s) to another mediator. Your mediator is now %(mediator)s, in place of %(former)s.":
        "Dinas mengalihkan mediasi perselisihan %(number)s (%(dispute_type)s: %(petitioner)s dan %(respondent)s) "
        "kepada mediator lain. Mediator Anda kini %(mediator)s, menggantikan %(former)s.",
    "The dispute stays at its stage (%(stage)s). The new mediator will contact you through SIKHI.":
        "Perselisihan tetap berada pada tahapnya (%(stage)s). Mediator yang baru akan menghubungi Anda melalui "
        "SIKHI.",
    "Summons no. %(ordinal)s, dispute %(number)s: %(session_kind)s on %(at)s WIB":
        "Surat panggilan ke-%(ordinal)s, perselisihan %(number)s: %(session_kind)s pada %(at)s WIB",
    "The mediator summons you (summons no. %(ordinal)s) to a session in dispute %(number)s (%(petitioner)s and "
    "%(respondent)s).":
        "Mediator memanggil Anda (panggilan ke-%(ordinal)s) untuk menghadiri sidang perselisihan %(number)s "
        "(%(petitioner)s dan %(respondent)s).",
    "Session:": "Acara:",
    "Day, date and time:": "Hari, tanggal, dan waktu:",
    "Agenda:": "Agenda:",
    "How to join: the session is held online on SIKHI. At the session time, sign in and open the joint room "
    "of the dispute:":
        "Cara mengikuti: sidang diselenggarakan secara daring di SIKHI. Pada waktu sidang, masuk ke SIKHI dan buka "
        "ruang bersama perselisihan ini:",
    "You may attend in person or through a representative holding a special power of attorney (surat kuasa "
    "khusus).":
        "Anda dapat hadir sendiri atau diwakili oleh kuasa yang memegang surat kuasa khusus.",
    "Please confirm on the dispute page that you have received this summons:":
        "Mohon konfirmasikan di halaman perselisihan bahwa Anda telah menerima surat panggilan ini:",
    "Confirm receipt": "Konfirmasi penerimaan",
    "A reminder: in dispute %(number)s (%(petitioner)s and %(respondent)s) the deadline for %(what)s ends on "
    "%(at)s WIB, within two working days.":
        "Pengingat: dalam perselisihan %(number)s (%(petitioner)s dan %(respondent)s), tenggat %(what)s berakhir "
        "pada %(at)s WIB, dalam dua hari kerja.",
    "Deadline reminder": "Pengingat tenggat",
    "Only a party acknowledges the recommendation.": "Hanya para pihak yang mengonfirmasi penerimaan anjuran.",
    "SHA-256 or verification code": "SHA-256 atau kode verifikasi",
    "The verification code (32 characters) printed at the foot of every page of the document, or the SHA-256 "
    "(64 characters) of the PDF file.":
        "Kode verifikasi (32 karakter) yang tercetak di kaki setiap halaman dokumen, atau SHA-256 (64 karakter) "
        "berkas PDF-nya.",
    "Enter the 32-character verification code or the 64-character SHA-256, using only the digits 0-9 and the "
    "letters a-f.":
        "Masukkan kode verifikasi 32 karakter atau SHA-256 64 karakter, yang hanya berisi angka 0-9 dan huruf a-f.",
    "Every document SIKHI makes (minutes, summonses, written recommendations, joint agreements, settlement "
    "minutes) carries a verification code and a QR code at the foot of each page. Enter the code, or the "
    "SHA-256 of the PDF file, to see whether SIKHI made the document. The check shows what the document is, "
    "never its content.":
        "Setiap dokumen yang dibuat SIKHI (risalah, surat panggilan, anjuran tertulis, perjanjian bersama, risalah "
        "penyelesaian) memuat kode verifikasi dan kode QR di kaki setiap halaman. Masukkan kode tersebut, atau "
        "SHA-256 berkas PDF-nya, untuk memastikan bahwa dokumen itu dibuat oleh SIKHI. Pemeriksaan ini hanya "
        "menunjukkan jenis dokumen, tidak pernah isinya.",
    "Check": "Periksa",
    "Document verified": "Dokumen terverifikasi",
    "Document not found": "Dokumen tidak ditemukan",
    "SIKHI made this document and has kept it unchanged since.":
        "Dokumen ini dibuat oleh SIKHI dan tersimpan tanpa perubahan sejak saat itu.",
    "Kind": "Jenis",
    "Title": "Judul",
    "Dispute number": "Nomor perselisihan",
    "Date": "Tanggal",
    "Compare these details with the document you hold. Its content is not shown here.":
        "Cocokkan keterangan ini dengan dokumen yang Anda pegang. Isi dokumen tidak ditampilkan di sini.",
    "No document made by SIKHI has this verification code or SHA-256. Check that you copied it completely; a "
    "document that does not appear here was not made by SIKHI or has been changed.":
        "Tidak ada dokumen SIKHI dengan kode verifikasi atau SHA-256 ini. Pastikan Anda menyalinnya dengan "
        "lengkap; dokumen yang tidak muncul di sini bukan buatan SIKHI atau telah diubah.",
    "Check another document": "Periksa dokumen lain",
    # --- end of notices ---
    "Frames are JSON text.": "Frame harus berupa teks JSON.",
    "The frame is not valid JSON.": "Frame ini bukan JSON yang sah.",
    "A frame is a JSON object with a `type`.": "Frame adalah objek JSON yang memiliki `type`.",
    "Unknown frame type %(type)r.": "Jenis frame tidak dikenal %(type)r.",
    "You are no longer a member of this room.": "Anda tidak lagi menjadi anggota ruang ini.",
    "Too many messages at once. Wait a moment and send again.":
        "Terlalu banyak pesan sekaligus. Tunggu sebentar lalu kirim lagi.",
    "`after_seq` must be a whole number of at least 0.": "`after_seq` harus bilangan bulat paling kecil 0.",
    "Must be a whole number of at least %(min)s.": "Harus bilangan bulat paling kecil %(min)s.",
    "Must be a whole number from %(min)s to %(max)s.": "Harus bilangan bulat dari %(min)s sampai %(max)s.",
    "SIKHI": "SIKHI",
    "Permissions": "Hak akses",
    "Important dates": "Tanggal penting",
    "verified": "terverifikasi",
    "Verify the selected companies": "Verifikasi perusahaan yang dipilih",
    "Worker": "Pekerja",
    "Company": "Perusahaan",
    "Officer": "Petugas",
    "Mediator": "Mediator",
    "Checked: the date is a holiday. Unchecked: the date is a working day.":
        "Dicentang: tanggal ini hari libur. Tidak dicentang: tanggal ini hari kerja.",
    "No verified company has this NIB.": "Tidak ada perusahaan terverifikasi dengan NIB ini.",
    "A NIK has exactly 16 digits.": "NIK terdiri atas tepat 16 angka.",
    "An NIB has exactly 13 digits.": "NIB terdiri atas tepat 13 angka.",
    "Enter a phone number of digits, optionally starting with +.":
        "Masukkan nomor telepon berupa angka, boleh diawali +.",
    "Unknown regency code.": "Kode kabupaten/kota tidak dikenal.",
    "The year must be from 2000 to 2100.": "Tahun harus antara 2000 dan 2100.",
    "This username is already taken.": "Nama pengguna ini sudah dipakai.",
    "A company with this NIB is already registered.": "Perusahaan dengan NIB ini sudah terdaftar.",
    "A staff account is an officer or a mediator.": "Akun staf adalah petugas atau mediator.",
    "No office has the code %(code)s.": "Tidak ada kantor dengan kode %(code)s.",
    "This field is required.": "Bidang ini wajib diisi.",
    "Too many failed sign-in attempts; try again in %(wait)s.":
        "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam %(wait)s.",
    "Signing in to this account is paused because of very many failed attempts from different places. "
    "Try again in %(wait)s. If you did not make these attempts, tell your Disnaker office.":
        "Masuk ke akun ini dihentikan sementara karena sangat banyak percobaan yang gagal dari berbagai tempat. "
        "Coba lagi dalam %(wait)s. Jika percobaan itu bukan dari Anda, beri tahu kantor Disnaker Anda.",
    "The username or password is incorrect.": "Nama pengguna atau kata sandi salah.",
    "Only an officer of the company's office may verify it.":
        "Hanya petugas kantor wilayah perusahaan yang dapat memverifikasinya.",
    "The request body must be a JSON object.": "Isi permintaan harus berupa objek JSON.",
    "Only officers review companies.": "Hanya petugas yang meninjau perusahaan.",
    "Only officers verify companies.": "Hanya petugas yang memverifikasi perusahaan.",
    "Bipartite": "Bipartit",
    "Joint mediation": "Mediasi bersama",
    "Caucus with the worker": "Kaukus dengan pekerja",
    "Caucus with the company": "Kaukus dengan perusahaan",
    "Consultation": "Konsultasi",
    "Draft": "Draf",
    "Invited to bipartite negotiation": "Undangan perundingan bipartit",
    "Bipartite negotiation": "Perundingan bipartit",
    "Bipartite failed": "Bipartit gagal",
    "Registration submitted": "Pencatatan diajukan",
    "Registration returned": "Berkas pencatatan dikembalikan",
    "Registered: choice of settlement route": "Tercatat: pilihan cara penyelesaian",
    "Awaiting a mediator": "Menunggu penunjukan mediator",
    "Mediation": "Mediasi",
    "Recommendation issued": "Anjuran diterbitkan",
    "Agreement awaiting signatures": "Perjanjian Bersama menunggu tanda tangan",
    "Settled": "Selesai dengan Perjanjian Bersama",
    "Referred to the industrial court": "Dapat diajukan ke Pengadilan Hubungan Industrial",
    "Referred to conciliation": "Dilimpahkan ke konsiliasi",
    "Referred to arbitration": "Dilimpahkan ke arbitrase",
    "Struck off": "Dicoret dari buku register",
    "Withdrawn": "Dicabut",
    "Rights dispute": "Perselisihan hak",
    "Interests dispute": "Perselisihan kepentingan",
    "Termination dispute": "Perselisihan pemutusan hubungan kerja",
    "Dispute between unions": "Perselisihan antar serikat pekerja/serikat buruh",
    "The company declined to negotiate": "Perusahaan menolak berunding",
    "The company did not answer the invitation": "Perusahaan tidak menjawab undangan",
    "Negotiation ended without agreement": "Perundingan berakhir tanpa kesepakatan",
    "Bipartite negotiation ran out of time": "Waktu perundingan bipartit habis",
    "Conciliation": "Konsiliasi",
    "Arbitration": "Arbitrase",
    "Open": "Berjalan",
    "Met": "Terpenuhi",
    "Expired": "Lewat waktu",
    "Overdue": "Terlambat",
    "A collective dispute names its members.": "Perselisihan kolektif harus mencantumkan anggotanya.",
    "Only workers file disputes.": "Hanya pekerja yang dapat mengajukan perselisihan.",
    "Only a draft can be edited.": "Hanya draf yang dapat diubah.",
    "The route %(route)s is not allowed for a dispute of type %(type)s.":
        "Cara penyelesaian %(route)s tidak diperbolehkan untuk perselisihan jenis %(type)s.",
    "Not an active mediator of this office.": "Bukan mediator aktif pada kantor ini.",
    "A reason is required when rejecting.": "Alasan wajib diisi bila menolak.",
    "Required before submitting.": "Wajib diisi sebelum diajukan.",
    "The dispute is not complete.": "Data perselisihan belum lengkap.",
    "Unknown transition.": "Tindakan tidak dikenal.",
    "You may not make this transition on this dispute.":
        "Anda tidak berwenang melakukan tindakan ini pada perselisihan ini.",
    "This invitation link is not valid.": "Tautan undangan ini tidak sah.",
    "Only a company account can accept an invitation.": "Hanya akun perusahaan yang dapat menerima undangan.",
    "This invitation has already been used.": "Undangan ini sudah dipakai.",
    "This invitation has expired.": "Undangan ini sudah kedaluwarsa.",
    "Evidence cannot be added to a closed dispute.":
        "Bukti tidak dapat ditambahkan pada perselisihan yang sudah ditutup.",
    "The file is larger than 10 MB.": "Berkas lebih besar dari 10 MB.",
    "Only PDF, JPEG and PNG files are accepted.": "Hanya berkas PDF, JPEG, dan PNG yang diterima.",
    "Only a settled dispute can be registered at the court.":
        "Hanya perselisihan yang selesai dengan Perjanjian Bersama yang dapat didaftarkan di pengadilan.",
    "The court registration has already been recorded.": "Pendaftaran di pengadilan sudah dicatat.",
    "The body must be a JSON object.": "Isi permintaan harus berupa objek JSON.",
    "Unknown status.": "Status tidak dikenal.",
    "Unknown type.": "Jenis tidak dikenal.",
    "Petitioner": "Pemohon",
    "Respondent": "Termohon",
    "Clarification": "Klarifikasi",
    "Present": "Hadir",
    "Absent": "Tidak hadir",
    "This is not possible in the dispute's current state.":
        "Hal ini tidak dapat dilakukan pada tahap perselisihan saat ini.",
    "Your side has already signed these minutes.": "Pihak Anda sudah menandatangani risalah ini.",
    "Must be in the future.": "Harus waktu yang akan datang.",
    "Attendance can be recorded only after the session time.": "Kehadiran hanya dapat dicatat setelah waktu sidang.",
    "Attendance has already been recorded for this session.": "Kehadiran untuk sidang ini sudah dicatat.",
    "Invalid request.": "Permintaan tidak sah.",
    "The request has invalid fields.": "Ada isian yang tidak sah.",
    "The request conflicts with the current data.": "Permintaan bertentangan dengan data saat ini.",
    "This action is not possible in the dispute's current state.":
        "Tindakan ini tidak dapat dilakukan pada tahap perselisihan saat ini.",
    "You may not do this.": "Anda tidak berwenang melakukan ini.",
    "Not found.": "Tidak ditemukan.",
    "The file is too large.": "Berkas terlalu besar.",
    "This type of file is not accepted.": "Jenis berkas ini tidak diterima.",
    "Too many requests; try again later.": "Terlalu banyak permintaan; coba lagi nanti.",
    "The request body could not be read.": "Isi permintaan tidak dapat dibaca.",
    "Must be a whole number from 1 to 200.": "Harus bilangan bulat dari 1 sampai 200.",
    "Not a valid cursor.": "Kursor tidak sah.",
    # severance calculator
    "Enter a whole number of rupiah.": "Masukkan jumlah rupiah berupa bilangan bulat.",
    "Enter a whole number of days from 0 to 365.": "Masukkan jumlah hari berupa bilangan bulat dari 0 sampai 365.",
    "Enter 5 or 6 (working days per week).": "Isi 5 atau 6 (hari kerja per minggu).",
    "Enter a date as YYYY-MM-DD.": "Masukkan tanggal dengan format YYYY-MM-DD.",
    "Unknown reason: use a PP 35/2021 article key such as art41 or art52_1.":
        "Alasan PHK tidak dikenal: gunakan kunci pasal PP 35/2021 seperti art41 atau art52_1.",
    "The wage must be more than zero.": "Upah harus lebih dari nol.",
    "The wage is too large.": "Upah terlalu besar.",
    "The end date is before the start date.": "Tanggal berakhirnya hubungan kerja mendahului tanggal mulai bekerja.",
    'statutory minimum; under Art. 156(2) of UU 13/2003 as amended, which the Constitutional Court '
    '(MK 168/PUU-XXI/2023) reads as "at least", the employment contract, company regulation, collective '
    'agreement or an agreement of the parties may give more.':
        'batas minimum menurut undang-undang; berdasarkan Pasal 156 ayat (2) UU 13/2003 sebagaimana telah diubah, '
        'yang oleh Mahkamah Konstitusi (Putusan MK 168/PUU-XXI/2023) dimaknai "paling sedikit", perjanjian kerja, '
        'peraturan perusahaan, perjanjian kerja bersama atau kesepakatan para pihak dapat memberikan lebih.',
    "Uang pisah is also due; its amount is set in the employment contract, company regulation or collective "
    "agreement and is not included here.":
        "Pekerja juga berhak atas uang pisah; besarnya diatur dalam perjanjian kerja, peraturan perusahaan atau "
        "perjanjian kerja bersama dan tidak termasuk dalam perhitungan ini.",
    "The amounts are paid to the worker's heirs.": "Jumlah ini dibayarkan kepada ahli waris pekerja.",
    "UPH here counts only annual leave not yet taken and not yet forfeited; the cost of returning the worker and "
    "family to the place of hire and other rights under the employment contract, company regulation or "
    "collective agreement are not included.":
        "UPH di sini hanya menghitung cuti tahunan yang belum diambil dan belum gugur; ongkos pulang pekerja dan "
        "keluarganya ke tempat pekerja diterima bekerja serta hak lain menurut perjanjian kerja, peraturan "
        "perusahaan atau perjanjian kerja bersama tidak termasuk.",
    "Income tax (PPh 21) and any offset of the employer's pension contributions (PP 35/2021 Art. 58) are not "
    "applied.":
        "Pajak penghasilan (PPh 21) dan perhitungan iuran program pensiun yang dibayar pengusaha (PP 35/2021 "
        "Pasal 58) belum diperhitungkan.",
    # consultations, chat, notifications, documents
    "Only workers and companies ask for consultation.": "Hanya pekerja dan perusahaan yang dapat berkonsultasi.",
    "This consultation has already been claimed or closed.": "Konsultasi ini sudah ditangani atau sudah ditutup.",
    "This consultation is already closed.": "Konsultasi ini sudah ditutup.",
    "Claimed": "Ditangani",
    "Closed": "Ditutup",
    "Dispute %(number)s: %(stage)s": "Perselisihan %(number)s: %(stage)s",
    "Summons no. %(ordinal)s for dispute %(number)s: session on %(at)s WIB":
        "Panggilan ke-%(ordinal)s untuk perselisihan %(number)s: sidang pada %(at)s WIB",
    "Dispute %(number)s has a new mediator": "Perselisihan %(number)s mendapat mediator baru",
    "Dispute %(number)s has news": "Ada kabar baru tentang perselisihan %(number)s",
    "Messages cannot be posted in this room now.": "Pesan tidak dapat dikirim di ruang ini sekarang.",
    "The message must be text.": "Pesan harus berupa teks.",
    "The message is empty.": "Pesan kosong.",
    "A message has at most 4000 characters.": "Pesan paling banyak 4000 karakter.",
    "Must be a UUID.": "Harus berupa UUID.",
    "Must be a whole number of at least 0.": "Harus bilangan bulat paling sedikit 0.",
    "Must be a whole number (%(bound)s).": "Harus bilangan bulat (%(bound)s).",
    "Give after_seq or before_seq, not both.": "Isi after_seq atau before_seq, jangan keduanya.",
    "Must be true or false.": "Harus true atau false.",
    "Only a dispute with an assigned mediator can be handed to another one.":
        "Hanya perselisihan yang sudah memiliki mediator yang dapat dialihkan ke mediator lain.",
    "This mediator is already assigned.": "Mediator ini sudah ditunjuk.",
    "Bipartite meeting minutes": "Risalah perundingan bipartit",
    "Summons": "Surat panggilan",
    "Written recommendation": "Anjuran tertulis",
    "Joint agreement": "Perjanjian Bersama",
    "Settlement minutes": "Risalah penyelesaian",
    "Only a party can take the court bundle.": "Hanya pihak yang berselisih yang dapat mengambil berkas pengadilan.",
    "Only a dispute referred to the industrial court has a court bundle.":
        "Berkas pengadilan hanya ada untuk perselisihan yang dapat diajukan ke Pengadilan Hubungan Industrial.",
}
PLURALS = {
    # consultation pages: how long a question has waited
    "%(n)d minute": ["%(n)d menit"],
    "%(n)d hour": ["%(n)d jam"],
    "%(n)d day": ["%(n)d hari"],
    "%(n)d year": ["%(n)d tahun"],
    "%(n)d month": ["%(n)d bulan"],
    "%(count)d company verified.": ["%(count)d perusahaan diverifikasi."],
}


def _unquote(block: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
    # Only the escapes gettext writes; the rest (ellipses, multiplication signs, curly quotes) stays as UTF-8.
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# The pages' strings live beside this table (one module per area keeps concurrent edits apart).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from id_pages import PAGE_PLURALS, PAGES  # noqa: E402

ID.update(PAGES)
PLURALS.update(PAGE_PLURALS)


def main() -> int:
    text = PO.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    missing = []
    out = []
    for entry in entries:
        m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not m or (m.group(1).strip() == '""' and "msgid_plural" not in entry):
            if 'msgid ""\nmsgstr ""' in entry:  # the header: not fuzzy, and it names the language
                entry = entry.replace("#, fuzzy\n", "").replace('"Language: \\n"', '"Language: id\\n"')
            out.append(entry)
            continue
        msgid = _unquote(m.group(1))
        # msgmerge's guesses are never kept: a string is either in the table or left untranslated.
        entry = re.sub(r"^#, fuzzy\n", "", entry, flags=re.M)
        entry = re.sub(r"^#, fuzzy, ", "#, ", entry, flags=re.M)
        entry = re.sub(r"^#\| .*\n", "", entry, flags=re.M)
        if "msgid_plural" in entry:
            forms = PLURALS.get(msgid)
            if not forms:
                missing.append(msgid)
            else:
                entry = re.sub(r'msgstr\[0\] ".*"', f"msgstr[0] {_quote(forms[0])}", entry)
                entry = re.sub(r'\nmsgstr\[[1-9]\] ".*"', "", entry)  # Indonesian has one plural form
        else:
            if msgid not in ID:
                missing.append(msgid)
            text = ID.get(msgid, "")
            entry = re.sub(r'msgstr ((?:".*"\n?)+)$', f"msgstr {_quote(text)}", entry.rstrip("\n"), flags=re.M)
        out.append(entry)
    PO.write_text("\n\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    for msgid in missing:
        print(f"missing translation: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
